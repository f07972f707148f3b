using Lims.Domain.Common;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lims.Application.Features.Labels;
using Lims.Domain.Labels;
using Lims.Infrastructure.Labels;

namespace Lims.Cli.Commands;

/// <summary>
/// <c>lims labels code128 TEXT [--json]</c>, <c>lims labels render --kind … --out FILE (TEXT… | --from PREFIX --start N --count C)</c>
/// and, with a database, <c>lims labels issue --prefix P --count N [--kind K] [--purpose TEXT] [--out FILE [--format F]] [--json]</c>.
/// Input that cannot be printed throws <see cref="LabelException"/>; usage mistakes are parse errors.
/// </summary>
public static class LabelCommands
{
    /// <param name="issue">Issues a range in the database; without it there is no <c>issue</c> command.</param>
    public static Command Create(TextWriter stdout, Func<IssueBarcodeRange, CancellationToken, Task<IssuedBarcodeRange>>? issue = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var labels = new Command("labels", "Barcodes and printable labels for tubes, boxes and plates.")
        {
            Code128Command(stdout),
            RenderCommand(stdout),
        };
        if (issue is not null) labels.Subcommands.Add(IssueCommand(stdout, issue));
        return labels;
    }

    private static Command IssueCommand(TextWriter stdout, Func<IssueBarcodeRange, CancellationToken, Task<IssuedBarcodeRange>> issue)
    {
        var prefix = new Option<string>("--prefix") { Description = "The prefix of the new barcodes: 1–8 upper-case letters and digits, beginning with a letter, e.g. T26.", Required = true };
        var count = new Option<int>("--count") { Description = $"How many barcodes: 1 to {BarcodeRange.MaxCount:N0}.", Required = true };
        var kind = new Option<string>("--kind") { Description = "tube, box or plate.", DefaultValueFactory = _ => "tube" };
        kind.AcceptOnlyFromAmong([.. Wire.All<LabelKind>()]);
        var purpose = new Option<string?>("--purpose") { Description = "What the range is for (a site, a campaign), kept with it." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the range's labels to this file." };
        var format = new Option<string?>("--format") { Description = "zpl, svg or pdf; by default taken from the --out extension." };
        format.AcceptOnlyFromAmong([.. LabelFormats.All]);
        var json = new Option<bool>("--json") { Description = "Print the range as JSON: { \"id\", \"prefix\", \"kind\", \"first\", \"last\", \"count\", \"firstBarcode\", \"lastBarcode\", ... }." };
        var submitter = new Option<string?>("--submitter") { Description = "The code of the submitter the range is for: it may fetch the range and its labels over the API." };
        var dpi = DpiOption();

        var command = new Command("issue", "Issue a range of new barcodes, unique and never reused, after every barcode issued before for the prefix; optionally write their labels.")
        {
            prefix, count, kind, purpose, submitter, output, format, dpi, json,
        };
        command.Validators.Add(result =>
        {
            var file = result.GetValue(output);
            if (file is null && result.GetValue(format) is not null) result.AddError("--format goes with --out.");
            if (file is not null && result.GetValue(format) is null && LabelRenderer.FormatOf(file.Name) is null)
                result.AddError("Give --format zpl|svg|pdf, or an --out file ending in .zpl, .svg or .pdf.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output);
            // Checked before the range is issued, so a file that cannot be written leaves no range behind.
            if (file is not null && file.Directory is { Exists: false } directory)
                throw new LabelException($"There is no directory {directory.FullName} to write the labels into.");
            if (!PrinterDpi.IsSupported(parse.GetValue(dpi))) throw new LabelException(PrinterDpi.Refusal(parse.GetValue(dpi)));

            var issued = await issue(new IssueBarcodeRange(parse.GetValue(prefix), parse.GetValue(count), parse.GetValue(kind), parse.GetValue(purpose), null, LimsCli.Actor,
                parse.GetValue(submitter)), ct);
            var range = issued.Range;
            var asJson = parse.GetValue(json);
            if (asJson) await stdout.WriteLineAsync(JsonSerializer.Serialize(range, JsonSerializerOptions.Web).AsMemory(), ct);
            else await stdout.WriteLineAsync($"Issued {range.Count:N0} {range.Kind} barcode{(range.Count == 1 ? "" : "s")} {range.FirstBarcode} to {range.LastBarcode} (range {range.Id}).".AsMemory(), ct);

            if (file is not null)
            {
                var labelFormat = parse.GetValue(format) is { } named ? LabelRenderer.FormatNamed(named)!.Value : LabelRenderer.FormatOf(file.Name)!.Value;
                var labelKind = Wire.Parse<LabelKind>(range.Kind)!.Value;
                await WriteAsync(file, labelFormat, Label.For(labelKind, BarcodeRange.Create(range.Prefix, range.First, range.Count)), new LabelOptions { Dpi = parse.GetValue(dpi) }, ct);
                if (!asJson) await stdout.WriteLineAsync($"Wrote {range.Count:N0} {range.Kind} label{(range.Count == 1 ? "" : "s")} ({labelFormat.ToString().ToUpperInvariant()}) to {file.FullName}".AsMemory(), ct);
            }
            return 0;
        });
        return command;
    }

    private static Command Code128Command(TextWriter stdout)
    {
        var text = new Argument<string>("text") { Description = "The text to encode; \\u00f1–\\u00f4 (ñ ò ó ô) stand for FNC1–FNC4." };
        var json = new Option<bool>("--json") { Description = "Print { \"codewords\": [...], \"modules\": \"...\" }." };
        var command = new Command("code128", "Show the Code 128 encoding of a text: codewords and modules (1 bar, 0 space; no quiet zones).") { text, json };
        command.SetAction(async (parse, ct) =>
        {
            var symbol = Code128.Encode(parse.GetValue(text)!);
            var codewords = string.Join(", ", symbol.Codewords.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync($"{{ \"codewords\": [{codewords}], \"modules\": \"{symbol.Modules}\" }}".AsMemory(), ct);
            }
            else
            {
                await stdout.WriteLineAsync($"codewords: {codewords}".AsMemory(), ct);
                await stdout.WriteLineAsync($"modules:   {symbol.Modules}".AsMemory(), ct);
                await stdout.WriteLineAsync($"width:     {symbol.Width} modules, {symbol.WidthWithQuietZones} with quiet zones".AsMemory(), ct);
            }
            return 0;
        });
        return command;
    }

    private static Command RenderCommand(TextWriter stdout)
    {
        var kind = new Option<string>("--kind") { Description = "tube, box or plate.", Required = true };
        kind.AcceptOnlyFromAmong([.. Wire.All<LabelKind>()]);
        var format = new Option<string?>("--format") { Description = "zpl, svg or pdf; by default taken from the --out extension." };
        format.AcceptOnlyFromAmong([.. LabelFormats.All]);
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var texts = new Argument<string[]>("barcode") { Description = "Barcodes to print.", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "Print a new range: the prefix, e.g. T26." };
        var start = new Option<long?>("--start") { Description = "First sequence number of the range." };
        var count = new Option<int?>("--count") { Description = "Number of barcodes in the range." };
        var note = new Option<string?>("--note") { Description = "A short note printed after what the label is for." };
        var dpi = DpiOption();
        var noQr = new Option<bool>("--no-qr") { Description = "Leave the QR code off box and plate labels." };

        var command = new Command("render", "Render labels as ZPL for a Zebra printer, SVG, or a PDF of A4 label sheets.")
        {
            kind, format, output, texts, from, start, count, note, dpi, noQr,
        };
        command.Validators.Add(result =>
        {
            var hasTexts = result.GetValue(texts) is { Length: > 0 };
            var hasRange = result.GetValue(from) is not null;
            if (hasTexts == hasRange) result.AddError("Give either barcodes or --from PREFIX --start N --count C.");
            if (hasRange && (result.GetValue(start) is null || result.GetValue(count) is null))
                result.AddError("--from needs --start and --count.");
            if (!hasRange && (result.GetValue(start) is not null || result.GetValue(count) is not null))
                result.AddError("--start and --count go with --from.");
            if (result.GetValue(format) is null && result.GetValue(output) is { } file && LabelRenderer.FormatOf(file.Name) is null)
                result.AddError("Give --format zpl|svg|pdf, or an --out file ending in .zpl, .svg or .pdf.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var labelKind = Wire.Parse<LabelKind>(parse.GetValue(kind))!.Value;
            var file = parse.GetValue(output)!;
            var labelFormat = LabelRenderer.FormatNamed(parse.GetValue(format)) ?? LabelRenderer.FormatOf(file.Name)!.Value;
            var labels = parse.GetValue(from) is { } prefix
                ? Label.For(labelKind, BarcodeRange.Create(prefix, parse.GetValue(start)!.Value, parse.GetValue(count)!.Value), parse.GetValue(note))
                : Label.For(labelKind, parse.GetValue(texts)!, parse.GetValue(note));
            var options = new LabelOptions { Dpi = parse.GetValue(dpi), QrCode = !parse.GetValue(noQr) };

            await WriteAsync(file, labelFormat, labels, options, ct);
            var what = labelKind.ToWire();
            await stdout.WriteLineAsync($"Wrote {labels.Count} {what} label{(labels.Count == 1 ? "" : "s")} ({labelFormat.ToString().ToUpperInvariant()}) to {file.FullName}".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Option<int> DpiOption() =>
        new("--dpi") { Description = "Resolution of the Zebra printer (ZPL): 152, 203, 300 or 600.", DefaultValueFactory = _ => PrinterDpi.Default };

    // Written beside the target and moved into place, so a refused label leaves no half-written file.
    private static async Task WriteAsync(FileInfo file, LabelFormat format, IReadOnlyList<Label> labels, LabelOptions options, CancellationToken ct)
    {
        var partial = file.FullName + ".partial";
        try
        {
            await using (var stream = File.Create(partial))
            {
                await LabelRenderer.WriteAsync(stream, format, labels, options, ct);
            }
            File.Move(partial, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Lims.Domain.Labels;
using Lims.Infrastructure.Labels;

namespace Lims.Cli.Commands;

/// <summary>
/// <c>lims labels code128 TEXT [--json]</c> and <c>lims labels render --kind … --out FILE (TEXT… | --from PREFIX --start N --count C)</c>.
/// Input that cannot be printed throws <see cref="LabelException"/>; usage mistakes are parse errors.
/// </summary>
public static class LabelCommands
{
    public static Command Create(TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return new Command("labels", "Barcodes and printable labels for tubes, boxes and plates.")
        {
            Code128Command(stdout),
            RenderCommand(stdout),
        };
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
        kind.AcceptOnlyFromAmong("tube", "box", "plate");
        var format = new Option<string?>("--format") { Description = "zpl, svg or pdf; by default taken from the --out extension." };
        format.AcceptOnlyFromAmong("zpl", "svg", "pdf");
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var texts = new Argument<string[]>("barcode") { Description = "Barcodes to print.", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "Print a new range: the prefix, e.g. T26." };
        var start = new Option<long?>("--start") { Description = "First sequence number of the range." };
        var count = new Option<int?>("--count") { Description = "Number of barcodes in the range." };
        var note = new Option<string?>("--note") { Description = "A short note printed after what the label is for." };
        var dpi = new Option<int>("--dpi") { Description = "Resolution of the Zebra printer (ZPL).", DefaultValueFactory = _ => 203 };
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
            var labelKind = parse.GetValue(kind) switch
            {
                "box" => LabelKind.Box,
                "plate" => LabelKind.Plate,
                _ => LabelKind.Tube,
            };
            var file = parse.GetValue(output)!;
            var labelFormat = parse.GetValue(format) switch
            {
                "zpl" => LabelFormat.Zpl,
                "svg" => LabelFormat.Svg,
                "pdf" => LabelFormat.Pdf,
                _ => LabelRenderer.FormatOf(file.Name)!.Value,
            };
            var labels = parse.GetValue(from) is { } prefix
                ? Label.For(labelKind, BarcodeRange.Create(prefix, parse.GetValue(start)!.Value, parse.GetValue(count)!.Value), parse.GetValue(note))
                : Label.For(labelKind, parse.GetValue(texts)!, parse.GetValue(note));
            var options = new LabelOptions { Dpi = parse.GetValue(dpi), QrCode = !parse.GetValue(noQr) };

            // Written beside the target and moved into place, so a refused label leaves no half-written file.
            var partial = file.FullName + ".partial";
            try
            {
                await using (var stream = File.Create(partial))
                {
                    await LabelRenderer.WriteAsync(stream, labelFormat, labels, options, ct);
                }
                File.Move(partial, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            var what = labelKind.ToString().ToLowerInvariant();
            await stdout.WriteLineAsync($"Wrote {labels.Count} {what} label{(labels.Count == 1 ? "" : "s")} ({labelFormat.ToString().ToUpperInvariant()}) to {file.FullName}".AsMemory(), ct);
            return 0;
        });
        return command;
    }
}

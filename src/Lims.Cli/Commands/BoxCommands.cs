using System.CommandLine;
using Lims.Application.Features.Receiving;

namespace Lims.Cli.Commands;

/// <summary><c>lims box scan|close|resolve</c>: receiving boxes of tubes.</summary>
public static class BoxCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var box = new Argument<string>("box") { Description = "The box barcode." };
        var tubes = new Argument<string[]>("tubes") { Description = "Tube barcodes, in scan order.", Arity = ArgumentArity.OneOrMore };
        var scanId = new Option<Guid?>("--scan-id") { Description = "The scanner's id for this one scan: sending it again changes nothing. Without it each tube given is a physical scan of its own." };
        var scan = new Command("scan", "Scan tubes into a box at receipt.") { box, tubes, scanId };
        scan.Validators.Add(result =>
        {
            if (result.GetValue(scanId) is not null && result.GetValue(tubes) is { Length: > 1 }) result.AddError("--scan-id names one scan: give one tube with it.");
        });
        scan.SetAction(async (parse, ct) =>
        {
            foreach (var tube in parse.GetValue(tubes)!)
            {
                var result = await sender.SendAsync(new ScanTube(parse.GetValue(box)!, parse.GetValue(scanId), tube, LimsCli.Actor), ct);
                var count = result.Count;
                await stdout.WriteLineAsync(
                    $"{result.Tube}\t{result.Outcome}\t{count.Matched}/{count.Declared} matched\t{count.Extra} extra, {count.Unknown} unknown, {count.Duplicate} duplicate");
            }
            return 0;
        });
        var closeBox = new Argument<string>("box") { Description = "The box barcode." };
        var close = new Command("close", "Close a box and list every discrepancy between what was declared and what was scanned.") { closeBox };
        close.SetAction(async (parse, ct) =>
        {
            var closed = await sender.SendAsync(new CloseBox(parse.GetValue(closeBox)!, LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Box {closed.Barcode} closed: {closed.Discrepancies.Count} discrepancies.");
            foreach (var d in closed.Discrepancies) await stdout.WriteLineAsync($"{d.Number}\t{d.Kind}\t{d.Barcode ?? "-"}\t{d.Description}");
            return 0;
        });
        var resolveBox = new Argument<string>("box") { Description = "The box barcode." };
        var number = new Argument<int>("number") { Description = "The discrepancy's number, as listed when the box was closed." };
        var resolution = new Option<string>("--as") { Description = "lost or found (missing), received or returned (extra), returned or destroyed (unknown), acknowledged (duplicate, count-mismatch).", Required = true };
        var note = new Option<string>("--note") { Description = "What happened (required for lost, returned and destroyed)." };
        var resolve = new Command("resolve", "Resolve a discrepancy of a closed box.") { resolveBox, number, resolution, note };
        resolve.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(number);
            var resolved = await sender.SendAsync(new ResolveDiscrepancy(parse.GetValue(resolveBox)!, n, parse.GetValue(resolution)!, parse.GetValue(note), LimsCli.Actor), ct);
            var d = resolved.Discrepancies.Single(x => x.Number == n);
            await stdout.WriteLineAsync($"Box {resolved.Barcode}: discrepancy {d.Number} ({d.Kind} {d.Barcode ?? "-"}) resolved as {d.Resolution}; "
                + (resolved.Reconciled ? "the box is reconciled." : $"{resolved.OpenDiscrepancies} open."));
            return 0;
        });
        return new Command("box", "Receiving boxes of tubes.") { scan, close, resolve };
    }
}

using System.CommandLine;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Runs;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Infrastructure.Instruments;

namespace Lims.Cli.Commands;

/// <summary><c>lims plate create|place|seal|map|import</c>: plates and their instrument runs.</summary>
public static class PlateCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var plate = new Argument<string>("plate") { Description = "The plate barcode." };
        var kit = new Option<string>("--kit") { Description = "The assay kit code.", Required = true };
        var size = new Option<int>("--size") { Description = "96 or 384 wells.", DefaultValueFactory = _ => 96 };
        var fill = new Option<string>("--fill") { Description = "Fill order: column (A1, B1, …) or row (A1, A2, …).", DefaultValueFactory = _ => FillOrder.ColumnWise.ToWire() };
        fill.AcceptOnlyFromAmong([.. Wire.All<FillOrder>()]);
        var create = new Command("create", "A new plate for a kit, its controls in place.") { plate, kit, size, fill };
        create.SetAction(async (parse, ct) =>
        {
            var made = await sender.SendAsync(new CreatePlate(parse.GetValue(plate)!, parse.GetValue(size), parse.GetValue(kit)!, null, parse.GetValue(fill)!, LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Plate {made.Barcode} ({made.Size} wells, {made.Kit} {made.KitVersion}): controls in {string.Join(", ", made.Wells.Select(w => $"{w.Well} {w.Name}"))}.");
            return 0;
        });
        var placePlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var tubes = new Argument<string[]>("tubes") { Description = "Tube barcodes in scan order.", Arity = ArgumentArity.OneOrMore };
        var place = new Command("place", "Place tubes in the next free wells, in scan order.") { placePlate, tubes };
        place.SetAction(async (parse, ct) =>
        {
            foreach (var tube in parse.GetValue(tubes)!)
            {
                var placed = await sender.SendAsync(new PlaceTube(parse.GetValue(placePlate)!, tube, null, LimsCli.Actor), ct);
                await stdout.WriteLineAsync($"{placed.Tube}\t{placed.Well}");
            }
            return 0;
        });
        var sealPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var seal = new Command("seal", "Seal a plate: its layout is final.") { sealPlate };
        seal.SetAction(async (parse, ct) =>
        {
            var sealedPlate = await sender.SendAsync(new SealPlate(parse.GetValue(sealPlate)!, LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Plate {sealedPlate.Barcode} sealed with {sealedPlate.Wells.Count} wells in use.");
            return 0;
        });
        var mapPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var map = new Command("map", "Print the plate map as CSV for the instrument's sample set-up.") { mapPlate };
        map.SetAction(async (parse, ct) =>
        {
            await stdout.WriteAsync((await sender.SendAsync(new GetPlateMap(parse.GetValue(mapPlate)!), ct)).Csv);
            return 0;
        });
        var importPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var runFile = new Argument<FileInfo>("file") { Description = "The instrument's result file (format detected from its content)." };
        var importJson = new Option<bool>("--json") { Description = "Print the run as JSON (as GET /api/v1/lab/plates/{plate}/run answers)." };
        var import = new Command("import", "Import the instrument's result file of a sealed plate: match, interpret, apply to its tubes.") { importPlate, runFile, importJson };
        import.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(runFile)!;
            if (!file.Exists) throw NotFoundException.Of("file", file.FullName);
            if (file.Length > InstrumentFileReader.MaxFileBytes) throw new InstrumentFileException($"{file.FullName} has {file.Length:N0} bytes; an instrument file has at most {InstrumentFileReader.MaxFileBytes:N0}.");
            var result = await sender.SendAsync(new ImportRun(parse.GetValue(importPlate)!, file.Name, await File.ReadAllBytesAsync(file.FullName, ct), LimsCli.Actor), ct);
            var run = result.Run;
            if (parse.GetValue(importJson))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(run, JsonSerializerOptions.Web));
                return 0;
            }
            await stdout.WriteLineAsync($"Plate {run.Plate}: {run.File.Name} ({run.Format}, SHA-256 {run.File.Sha256}) {(result.Replayed ? "was imported already" : "imported")}; QC {run.Qc.Status}.");
            foreach (var reason in run.Qc.Reasons) await stdout.WriteLineAsync($"  - {reason}");
            foreach (var note in run.Qc.Notes) await stdout.WriteLineAsync($"  note: {note}");
            foreach (var tube in run.Tubes)
                await stdout.WriteLineAsync($"{tube.Tube}\t{tube.Well}\t{tube.Call ?? "-"}\t{tube.Outcome}{(tube.Hold is null ? "" : "\t" + tube.Hold)}");
            return 0;
        });
        return new Command("plate", "Plates.") { create, place, seal, map, import };
    }
}

using System.CommandLine;
using Lims.Domain.Assays;
using Lims.Infrastructure.Instruments;

namespace Lims.Cli.Commands;

/// <summary>
/// <c>lims instrument parse FILE [--json]</c> and <c>lims instrument interpret FILE --kit KIT [--json]</c>:
/// read a qPCR result file (and call it by an assay kit) without a database. An unreadable file throws
/// <see cref="InstrumentFileException"/>; an unknown or invalid kit a <see cref="Domain.Common.DomainException"/>.
/// </summary>
public static class InstrumentCommands
{
    public static Command Create(TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);

        var parseFile = new Argument<FileInfo>("file") { Description = "The instrument result file (RDML, .eds, QuantStudio text, CFX csv, LightCycler 480 txt, RDES, well,target,ct csv; gzip accepted)." };
        var parseJson = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var parse = new Command("parse", "Read an instrument result file and print its wells, targets and Ct values.") { parseFile, parseJson };
        parse.SetAction(async (result, ct) =>
        {
            var run = InstrumentFileReader.Read(result.GetValue(parseFile)!.FullName);
            var output = result.GetValue(parseJson) ? InstrumentReport.ToJson(run) : InstrumentReport.ToTable(run);
            await stdout.WriteLineAsync(output.AsMemory(), ct);
            return 0;
        });

        var interpretFile = new Argument<FileInfo>("file") { Description = "The instrument result file." };
        var kit = new Option<string>("--kit")
        {
            Description = $"A built-in kit ({string.Join(", ", BuiltInKits.All.Select(k => k.Code))}) or the path of a kit definition JSON file.",
            Required = true,
        };
        var interpretJson = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var interpret = new Command("interpret", "Call every well of a result file by an assay kit's rules and decide plate QC.") { interpretFile, kit, interpretJson };
        interpret.SetAction(async (result, ct) =>
        {
            var assay = InstrumentReport.ResolveKit(result.GetValue(kit)!);
            var run = InstrumentFileReader.Read(result.GetValue(interpretFile)!.FullName);
            var interpretation = PlateInterpreter.Interpret(assay, run.ToReadings());
            var output = result.GetValue(interpretJson) ? InstrumentReport.ToJson(run, interpretation) : InstrumentReport.ToTable(run, interpretation);
            await stdout.WriteLineAsync(output.AsMemory(), ct);
            return 0;
        });

        return new Command("instrument", "qPCR instrument result files.") { parse, interpret };
    }
}

using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// Bio-Rad CFX Maestro "Quantification Cq Results" CSV: a leading empty column, then Well (A01…), Fluor, Target,
/// Content, Sample, …, Cq. One row per well and fluorophore; Cq is "NaN" or empty without amplification. A row
/// without a target name is named after its fluorophore.
/// </summary>
internal static class CfxCsvParser
{
    private const string Name = "Bio-Rad CFX Cq results";

    public static ParsedRun Parse(string[] lines, int headerAt, char delimiter)
    {
        var header = TextParsing.Split(lines[headerAt], delimiter);
        var wellColumn = TextParsing.IndexOf(header, "Well");
        var fluorColumn = TextParsing.IndexOf(header, "Fluor");
        var targetColumn = TextParsing.IndexOf(header, "Target");
        var sampleColumn = TextParsing.IndexOf(header, "Sample");
        var cqColumn = TextParsing.IndexOf(header, "Cq", "Ct");

        var builder = new RunBuilder(InstrumentFormat.BioRadCfxCsv);
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var context = $"{Name} line {i + 1}";
            var fields = TextParsing.Split(lines[i], delimiter);
            if (!WellPosition.TryParse(TextParsing.Field(fields, wellColumn), out var well, out var error))
                throw new InstrumentFileException($"{context}: {error}");
            if (fields.Count <= cqColumn) throw new InstrumentFileException($"{context}: the row ends before the Cq column; the file is truncated.");
            var fluor = TextParsing.Field(fields, fluorColumn);
            var target = TextParsing.Field(fields, targetColumn);
            builder.Add(well, TextParsing.Field(fields, sampleColumn), target.Length > 0 ? target : fluor, fluor,
                TextParsing.Ct(fields[cqColumn], context), null, null, context);
        }
        return builder.Build(Name);
    }
}

using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// The simplest exchange format, for instruments Lims has no parser for: a header with the columns well, target and ct
/// (or cq), optionally sample and dye, in any order; comma, semicolon or tab separated. One row per well and target.
/// </summary>
internal static class PlainCsvParser
{
    private const string Name = "well,target,ct CSV";

    public static ParsedRun Parse(string[] lines, int headerAt, char delimiter)
    {
        var header = TextParsing.Split(lines[headerAt], delimiter);
        var wellColumn = TextParsing.IndexOf(header, "well");
        var targetColumn = TextParsing.IndexOf(header, "target");
        var ctColumn = TextParsing.IndexOf(header, "ct", "cq");
        var sampleColumn = TextParsing.IndexOf(header, "sample");
        var dyeColumn = TextParsing.IndexOf(header, "dye");

        var builder = new RunBuilder(InstrumentFormat.PlainCsv);
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var context = $"{Name} line {i + 1}";
            var fields = TextParsing.Split(lines[i], delimiter);
            if (!WellPosition.TryParse(TextParsing.Field(fields, wellColumn), out var well, out var error))
                throw new InstrumentFileException($"{context}: {error}");
            if (fields.Count <= ctColumn) throw new InstrumentFileException($"{context}: the row ends before the ct column; the file is truncated.");
            builder.Add(well, TextParsing.Field(fields, sampleColumn), TextParsing.Field(fields, targetColumn), TextParsing.Field(fields, dyeColumn),
                TextParsing.Ct(fields[ctColumn], context), null, null, context);
        }
        return builder.Build(Name);
    }
}

using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// RDES (RDML essential spreadsheet), tab-separated: Well, Sample, Sample Type, Target, Target Type, Dye, Cq, then one
/// column per cycle headed by the cycle number. A Cq of -1 is no Cq.
/// </summary>
internal static class RdesParser
{
    private const string Name = "RDES table";

    public static ParsedRun Parse(string[] lines, int headerAt)
    {
        var header = TextParsing.Split(lines[headerAt], '\t');
        var wellColumn = TextParsing.IndexOf(header, "Well");
        var sampleColumn = TextParsing.IndexOf(header, "Sample");
        var targetColumn = TextParsing.IndexOf(header, "Target");
        var dyeColumn = TextParsing.IndexOf(header, "Dye");
        var cqColumn = TextParsing.IndexOf(header, "Cq", "Ct");
        var cycleColumns = new List<int>();
        for (var c = 0; c < header.Count; c++)
        {
            if (int.TryParse(header[c], out var cycle) && cycle is > 0 and <= 1000)
                cycleColumns.Add(c);
        }

        var builder = new RunBuilder(InstrumentFormat.RdesTable);
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var context = $"{Name} line {i + 1}";
            var fields = TextParsing.Split(lines[i], '\t');
            if (!WellPosition.TryParse(TextParsing.Field(fields, wellColumn), out var well, out var error))
                throw new InstrumentFileException($"{context}: {error}");
            if (fields.Count <= cqColumn) throw new InstrumentFileException($"{context}: the row ends before the Cq column; the file is truncated.");
            var curve = new double[cycleColumns.Count];
            for (var k = 0; k < cycleColumns.Count; k++)
                curve[k] = TextParsing.Number(TextParsing.Field(fields, cycleColumns[k]), context);
            builder.Add(well, TextParsing.Field(fields, sampleColumn), TextParsing.Field(fields, targetColumn), TextParsing.Field(fields, dyeColumn),
                TextParsing.Ct(fields[cqColumn], context), curve, null, context);
        }
        return builder.Build(Name);
    }
}

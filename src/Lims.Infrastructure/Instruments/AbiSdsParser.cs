using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// The analysis_result.txt of an ABI 7500 SDS .eds: a header row (Well, Sample Name, Detector, Task, Ct, …), then per
/// well and detector one result row followed by "Rn values", "Delta Rn values" and "DDCT Values" rows. Wells are
/// numbered from 0 row by row on a 96-well plate (0 = A1, 95 = H12). A Ct equal to the number of cycles is the
/// software's "Undetermined".
/// </summary>
internal static class AbiSdsParser
{
    private sealed class Row(WellPosition well, string? sample, string detector, string ct, int line)
    {
        public WellPosition Well { get; } = well;
        public string? Sample { get; } = sample;
        public string Detector { get; } = detector;
        public string Ct { get; } = ct;
        public int Line { get; } = line;
        public double[]? Rn { get; set; }
        public double[]? DeltaRn { get; set; }
    }

    public static ParsedRun Parse(string[] lines, InstrumentFormat format)
    {
        var name = InstrumentFileReader.Describe(format);
        var headerAt = Array.FindIndex(lines, l => l.StartsWith("Well\t", StringComparison.OrdinalIgnoreCase));
        if (headerAt < 0) throw new InstrumentFileException($"{name}: the header row (Well, Sample Name, Detector, …, Ct) is missing.");
        var header = TextParsing.Split(lines[headerAt], '\t');
        var wellColumn = TextParsing.IndexOf(header, "Well");
        var sampleColumn = TextParsing.IndexOf(header, "Sample Name", "Sample");
        var detectorColumn = TextParsing.IndexOf(header, "Detector", "Target Name", "Target");
        var ctColumn = TextParsing.IndexOf(header, "Ct", "CT", "Cq");
        if (detectorColumn < 0 || ctColumn < 0)
            throw new InstrumentFileException($"{name}: the header row has no Detector or Ct column.");

        var rows = new List<Row>();
        Row? current = null;
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var context = $"{name} line {i + 1}";
            if (line.StartsWith("Rn values", StringComparison.OrdinalIgnoreCase))
                Require(current, context).Rn = Values(line, context);
            else if (line.StartsWith("Delta Rn values", StringComparison.OrdinalIgnoreCase))
                Require(current, context).DeltaRn = Values(line, context);
            else if (line.StartsWith("DDCT Values", StringComparison.OrdinalIgnoreCase))
                continue;
            else
            {
                var fields = TextParsing.Split(line, '\t');
                var index = TextParsing.WholeNumber(TextParsing.Field(fields, wellColumn), context);
                if (!WellPosition.TryFromIndex(index, 96, out var well, out var error))
                    throw new InstrumentFileException($"{context}: {error}");
                var detector = TextParsing.Field(fields, detectorColumn);
                if (detector.Length == 0) throw new InstrumentFileException($"{context}: the Detector is empty.");
                if (fields.Count <= ctColumn) throw new InstrumentFileException($"{context}: the row ends before the Ct column; the file is truncated.");
                current = new Row(well, TextParsing.NullIfEmpty(TextParsing.Field(fields, sampleColumn)), detector, fields[ctColumn], i + 1);
                rows.Add(current);
            }
        }

        var builder = new RunBuilder(format) { PlateSize = 96 };
        foreach (var row in rows)
        {
            var context = $"{name} line {row.Line}";
            var curve = row.DeltaRn ?? row.Rn;
            var ct = TextParsing.Ct(row.Ct, context);
            builder.Add(row.Well, row.Sample, row.Detector, null, ct, curve, curve?.Length, context);
        }
        return builder.Build(name);
    }

    private static Row Require(Row? row, string context) =>
        row ?? throw new InstrumentFileException($"{context}: fluorescence values come before any well result.");

    private static double[] Values(string line, string context)
    {
        var fields = line.Split('\t');
        var values = new List<double>(fields.Length);
        for (var i = 1; i < fields.Length; i++)
        {
            if (fields[i].Length == 0) continue;
            values.Add(TextParsing.Number(fields[i], context));
        }
        return [.. values];
    }
}

using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// Roche LightCycler 480 "Abs Quant" Cp export: a first line "Experiment: … Selected Filter: …", then a tab-separated
/// table Include, Color, Pos, Name, Cp, …. The file has no target names: the selected filter (detection channel) is
/// both target and dye. An empty Cp is no amplification.
/// </summary>
internal static class LightCycler480Parser
{
    private const string Name = "LightCycler 480 Cp export";
    private const string FilterLabel = "Selected Filter:";

    public static ParsedRun Parse(string[] lines, int experimentAt)
    {
        var title = lines[experimentAt];
        var filterAt = title.IndexOf(FilterLabel, StringComparison.OrdinalIgnoreCase);
        var filter = filterAt >= 0 ? title[(filterAt + FilterLabel.Length)..].Trim() : "";
        if (filter.Length == 0) filter = "Cp";

        var headerAt = experimentAt + 1;
        while (headerAt < lines.Length && string.IsNullOrWhiteSpace(lines[headerAt])) headerAt++;
        if (headerAt >= lines.Length) throw new InstrumentFileException($"{Name}: the table header (Include, Color, Pos, Name, Cp) is missing.");
        var header = TextParsing.Split(lines[headerAt], '\t');
        var posColumn = TextParsing.IndexOf(header, "Pos");
        var nameColumn = TextParsing.IndexOf(header, "Name");
        var cpColumn = TextParsing.IndexOf(header, "Cp", "Ct", "Cq");
        if (posColumn < 0 || cpColumn < 0)
            throw new InstrumentFileException($"{Name}: the table has no Pos or Cp column.");

        var builder = new RunBuilder(InstrumentFormat.LightCycler480Text);
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var context = $"{Name} line {i + 1}";
            var fields = TextParsing.Split(lines[i], '\t');
            if (!WellPosition.TryParse(TextParsing.Field(fields, posColumn), out var well, out var error))
                throw new InstrumentFileException($"{context}: {error}");
            if (fields.Count <= cpColumn) throw new InstrumentFileException($"{context}: the row ends before the Cp column; the file is truncated.");
            builder.Add(well, TextParsing.Field(fields, nameColumn), filter, filter, TextParsing.Ct(fields[cpColumn], context), null, null, context);
        }
        return builder.Build(Name);
    }
}

using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// QuantStudio / ViiA 7 text export: "* key = value" header lines, then tab-separated sections such as
/// [Sample Setup], [Amplification Data] and [Results]. Wells are numbered from 1 row by row; the Results give the
/// well position too. CT may be "Undetermined". Curves are the Delta Rn of [Amplification Data].
/// Genotyping exports (Allele1 Ct / Allele2 Ct per SNP assay) give one target per allele, named as the
/// amplification data names them ("assay-allele"). "Undetermined" is the only "no Ct" marker: the amplification data
/// may hold fewer cycles than the run, so a Ct is never judged against the curve length.
/// </summary>
internal static class QuantStudioParser
{
    private const string Name = "QuantStudio text export";

    /// <summary>A section: its header, and its rows kept as text until they are read (the amplification data is most of the file).</summary>
    private sealed record Table(List<string> Header, List<(int Line, string Text)> Rows)
    {
        public IEnumerable<(int Line, List<string> Fields)> Fields() => Rows.Select(r => (r.Line, TextParsing.Split(r.Text, '\t')));
    }

    public static ParsedRun Parse(string[] lines)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new Dictionary<string, Table>(StringComparer.OrdinalIgnoreCase);
        Table? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                current = new Table([], []);
                sections.TryAdd(trimmed[1..^1].Trim(), current);
            }
            else if (current is null)
            {
                if (!trimmed.StartsWith('*')) throw new InstrumentFileException($"{Name} line {i + 1}: expected a '* key = value' header line or a [Section].");
                var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0) settings[trimmed[1..equals].Trim()] = trimmed[(equals + 1)..].Trim();
            }
            else if (current.Header.Count == 0)
            {
                current.Header.AddRange(TextParsing.Split(line, '\t'));
            }
            else
            {
                current.Rows.Add((i + 1, line));
            }
        }

        if (!sections.TryGetValue("Results", out var results) || results.Header.Count == 0)
            throw new InstrumentFileException($"{Name}: the [Results] section is missing; export the results with the Results section ticked.");

        var plateSize = PlateSize(settings.GetValueOrDefault("Block Type"), results);
        var builder = new RunBuilder(InstrumentFormat.QuantStudioText)
        {
            PlateSize = plateSize,
            Instrument = Instrument(settings),
        };

        var curves = Curves(sections.GetValueOrDefault("Amplification Data"), plateSize);
        var ctColumn = TextParsing.IndexOf(results.Header, "CT", "Cт", "Cq", "Crt");
        var targetColumn = TextParsing.IndexOf(results.Header, "Target Name");
        if (ctColumn >= 0 && targetColumn >= 0)
            AddResults(builder, results, plateSize, curves, targetColumn, ctColumn);
        else if (TextParsing.IndexOf(results.Header, "Allele1 Ct") >= 0)
            AddGenotyping(builder, results, sections.GetValueOrDefault("Sample Setup"), plateSize, curves);
        else
            throw new InstrumentFileException($"{Name}: the [Results] section has no Target Name and CT columns.");

        return builder.Build(Name);
    }

    private static void AddResults(RunBuilder builder, Table results, int plateSize, Dictionary<(WellPosition, string), double[]> curves, int targetColumn, int ctColumn)
    {
        var sampleColumn = TextParsing.IndexOf(results.Header, "Sample Name");
        var reporterColumn = TextParsing.IndexOf(results.Header, "Reporter");
        foreach (var (line, fields) in results.Fields())
        {
            var context = $"{Name} line {line}";
            var well = Position(results.Header, fields, plateSize, context);
            var target = TextParsing.Field(fields, targetColumn);
            if (fields.Count <= ctColumn) throw new InstrumentFileException($"{context}: the row ends before the CT column; the file is truncated.");
            var ct = TextParsing.Ct(fields[ctColumn], context);
            var curve = curves.GetValueOrDefault((well, target.ToUpperInvariant()));
            builder.Add(well, TextParsing.Field(fields, sampleColumn), target, TextParsing.Field(fields, reporterColumn), ct, curve, null, context);
        }
    }

    private static void AddGenotyping(RunBuilder builder, Table results, Table? setup, int plateSize, Dictionary<(WellPosition, string), double[]> curves)
    {
        var alleles = new Dictionary<WellPosition, (string? Name1, string? Name2, string? Dye1, string? Dye2)>();
        if (setup is not null)
        {
            foreach (var (line, fields) in setup.Fields())
            {
                var context = $"{Name} line {line}";
                var well = Position(setup.Header, fields, plateSize, context);
                alleles[well] = (
                    TextParsing.NullIfEmpty(TextParsing.Field(fields, TextParsing.IndexOf(setup.Header, "Allele1 Name"))),
                    TextParsing.NullIfEmpty(TextParsing.Field(fields, TextParsing.IndexOf(setup.Header, "Allele2 Name"))),
                    TextParsing.NullIfEmpty(TextParsing.Field(fields, TextParsing.IndexOf(setup.Header, "Allele1 Reporter"))),
                    TextParsing.NullIfEmpty(TextParsing.Field(fields, TextParsing.IndexOf(setup.Header, "Allele2 Reporter"))));
            }
        }

        var sampleColumn = TextParsing.IndexOf(results.Header, "Sample Name");
        var assayColumn = TextParsing.IndexOf(results.Header, "SNP Assay Name");
        int[] ctColumns = [TextParsing.IndexOf(results.Header, "Allele1 Ct"), TextParsing.IndexOf(results.Header, "Allele2 Ct")];
        foreach (var (line, fields) in results.Fields())
        {
            var context = $"{Name} line {line}";
            var well = Position(results.Header, fields, plateSize, context);
            var assay = TextParsing.Field(fields, assayColumn);
            var known = alleles.GetValueOrDefault(well);
            for (var allele = 0; allele < 2; allele++)
            {
                if (ctColumns[allele] < 0) continue;
                if (fields.Count <= ctColumns[allele]) throw new InstrumentFileException($"{context}: the row ends before the Allele{allele + 1} Ct column; the file is truncated.");
                var alleleName = (allele == 0 ? known.Name1 : known.Name2) ?? $"Allele {allele + 1}";
                var target = assay.Length == 0 ? alleleName : $"{assay}-{alleleName}";
                var curve = curves.GetValueOrDefault((well, target.ToUpperInvariant()));
                var ct = TextParsing.Ct(fields[ctColumns[allele]], context);
                builder.Add(well, TextParsing.Field(fields, sampleColumn), target, allele == 0 ? known.Dye1 : known.Dye2, ct, curve, null, context);
            }
        }
    }

    /// <remarks>
    /// The hot part of a large export (a 384-well plate with three targets and 45 cycles has 51,840 rows): each row is
    /// read in place, without splitting it into strings; well names and target names are looked up, not allocated.
    /// </remarks>
    private static Dictionary<(WellPosition, string), double[]> Curves(Table? amplification, int plateSize)
    {
        var curves = new Dictionary<(WellPosition, string), double[]>();
        if (amplification is null || amplification.Header.Count == 0) return curves;
        var header = amplification.Header;
        var cycleColumn = TextParsing.IndexOf(header, "Cycle");
        var targetColumn = TextParsing.IndexOf(header, "Target Name");
        var valueColumn = TextParsing.IndexOf(header, "Delta Rn", "Rn");
        if (cycleColumn < 0 || targetColumn < 0 || valueColumn < 0)
            throw new InstrumentFileException($"{Name}: [Amplification Data] needs the columns Well, Cycle, Target Name and Delta Rn (or Rn).");
        var positionColumn = TextParsing.IndexOf(header, "Well Position");
        var numberColumn = TextParsing.IndexOf(header, "Well");
        var wellColumn = positionColumn >= 0 ? positionColumn : numberColumn;

        var wells = new Dictionary<string, WellPosition>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var points = new Dictionary<(WellPosition, string), List<(int Cycle, double Value)>>();
        Span<Range> ranges = stackalloc Range[Math.Max(Math.Max(cycleColumn, targetColumn), Math.Max(valueColumn, wellColumn)) + 2];
        foreach (var (line, text) in amplification.Rows)
        {
            var row = text.AsSpan();
            if (row.Contains('"'))
            {
                // Quoted fields are rare here: the general reader handles them.
                var fields = TextParsing.Split(text, '\t');
                AddPoint(points, Position(header, fields, plateSize, Context(line)), TextParsing.Field(fields, targetColumn).ToUpperInvariant(),
                    TextParsing.Field(fields, cycleColumn), TextParsing.Field(fields, valueColumn), line);
                continue;
            }
            var count = row.Split(ranges, '\t');
            ReadOnlySpan<char> Field(ReadOnlySpan<char> r, Span<Range> rs, int n, int column) => column >= 0 && column < n && column < rs.Length - 1 ? r[rs[column]].Trim() : [];

            var wellText = Field(row, ranges, count, wellColumn);
            if (!wells.TryGetValue(wellText, out var well))
            {
                var owned = wellText.ToString();
                well = positionColumn >= 0 && wellText.Length > 0
                    ? WellPosition.TryParse(owned, out var parsed, out var error) ? parsed : throw new InstrumentFileException($"{Context(line)}: {error}")
                    : Position(header, TextParsing.Split(text, '\t'), plateSize, Context(line));
                wells.Dictionary[owned] = well;
            }
            var targetText = Field(row, ranges, count, targetColumn);
            if (!targets.TryGetValue(targetText, out var target))
            {
                target = targetText.ToString().ToUpperInvariant();
                targets.Dictionary[target] = target;
            }
            AddPoint(points, well, target, Field(row, ranges, count, cycleColumn).ToString(), Field(row, ranges, count, valueColumn), line);
        }
        foreach (var (key, list) in points)
        {
            list.Sort((a, b) => a.Cycle.CompareTo(b.Cycle));
            for (var i = 1; i < list.Count; i++)
                if (list[i].Cycle == list[i - 1].Cycle)
                    throw new InstrumentFileException($"{Name}: [Amplification Data] lists cycle {list[i].Cycle} of well {key.Item1} target {key.Item2} twice.");
            curves[key] = list.Select(p => p.Value).ToArray();
        }
        return curves;
    }

    private static void AddPoint(Dictionary<(WellPosition, string), List<(int Cycle, double Value)>> points, WellPosition well, string target,
        ReadOnlySpan<char> cycleText, ReadOnlySpan<char> valueText, int line)
    {
        if (!TextParsing.TryNumber(cycleText, out var cycleValue) || cycleValue != Math.Floor(cycleValue))
            throw new InstrumentFileException($"{Context(line)}: '{TextParsing.Clip(cycleText.ToString())}' is not a whole number.");
        if (cycleValue is < 1 or > 1000) throw new InstrumentFileException($"{Context(line)}: cycle {cycleValue} is out of range.");
        if (!TextParsing.TryNumber(valueText, out var value) || !double.IsFinite(value))
            throw new InstrumentFileException($"{Context(line)}: '{TextParsing.Clip(valueText.ToString())}' is not a number.");
        var key = (well, target);
        if (!points.TryGetValue(key, out var list)) points[key] = list = new List<(int, double)>(50);
        list.Add(((int)cycleValue, value));
    }

    private static string Context(int line) => $"{Name} line {line}";

    private static WellPosition Position(List<string> header, List<string> fields, int plateSize, string context)
    {
        var positionColumn = TextParsing.IndexOf(header, "Well Position");
        var position = TextParsing.Field(fields, positionColumn);
        if (position.Length > 0)
        {
            return WellPosition.TryParse(position, out var parsed, out var error)
                ? parsed
                : throw new InstrumentFileException($"{context}: {error}");
        }
        var number = TextParsing.WholeNumber(TextParsing.Field(fields, TextParsing.IndexOf(header, "Well")), context);
        return WellPosition.TryFromIndex(number - 1, plateSize, out var well, out _)
            ? well
            : throw new InstrumentFileException($"{context}: well number {number} is not on a {plateSize}-well plate (wells are numbered from 1).");
    }

    private static int PlateSize(string? blockType, Table results)
    {
        if (blockType is not null)
        {
            if (blockType.Contains("384", StringComparison.Ordinal)) return 384;
            if (blockType.Contains("96", StringComparison.Ordinal)) return 96;
            throw new InstrumentFileException($"{Name}: the block type '{TextParsing.Clip(blockType)}' is not a 96- or 384-well plate.");
        }
        var wellColumn = TextParsing.IndexOf(results.Header, "Well");
        foreach (var (_, fields) in results.Fields())
            if (TextParsing.TryNumber(TextParsing.Field(fields, wellColumn), out var n) && n > 96) return 384;
        return 96;
    }

    private static InstrumentInfo? Instrument(Dictionary<string, string> settings)
    {
        static string? Value(Dictionary<string, string> s, string key) =>
            s.TryGetValue(key, out var v) && v.Length > 0 && !string.Equals(v, "NA", StringComparison.OrdinalIgnoreCase) ? v : null;
        var name = Value(settings, "Instrument Name");
        var model = Value(settings, "Instrument Type");
        var serial = Value(settings, "Instrument Serial Number");
        return name is null && model is null && serial is null ? null : new InstrumentInfo(name, model, serial);
    }
}

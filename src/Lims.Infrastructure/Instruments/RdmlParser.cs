using System.Globalization;
using System.Xml;
using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// RDML 1.0–1.4 (rdml_data.xml): samples and targets by id; experiments hold runs, runs hold reacts (wells),
/// a react holds one data element per target with its cq and amplification points (adp: cyc, fluor).
/// A react id is the well position ("A1", RDML 1.0) or its 1-based number row by row on the run's pcrFormat.
/// A missing cq, a cq of -1 or one at or beyond the last cycle (ABI and LightCycler 96 markers) is no Ct.
/// Read as a stream: an RDML file with melting data runs to megabytes, and a DOM of it costs far more than the parse.
/// </summary>
internal static class RdmlParser
{
    private const string Name = "RDML";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = InstrumentFileReader.MaxContentBytes,
    };

    private sealed record Result(WellPosition Well, string? SampleRef, string Target, string? Cq, double[]? Curve, double? LastCycle, string Context);

    public static ParsedRun Parse(Stream xml)
    {
        using var reader = XmlReader.Create(xml, ReaderSettings);
        var state = new State(reader);
        state.Document();

        var builder = new RunBuilder(InstrumentFormat.Rdml) { PlateSize = state.PlateSize };
        foreach (var r in state.Results)
        {
            var sample = r.SampleRef is null ? null : state.Samples.GetValueOrDefault(r.SampleRef, r.SampleRef);
            var cq = r.Cq is null ? null : TextParsing.Ct(r.Cq, r.Context);
            builder.Add(r.Well, sample, r.Target, state.Dyes.GetValueOrDefault(r.Target), cq, r.Curve, r.LastCycle, r.Context);
        }
        if (state.Instrument is not null) builder.Instrument = new InstrumentInfo(TextParsing.Clip(state.Instrument), null, null);
        return builder.Build(Name);
    }

    private sealed class State(XmlReader r)
    {
        private int _runs;

        public Dictionary<string, string> Samples { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string?> Dyes { get; } = new(StringComparer.Ordinal);
        public List<Result> Results { get; } = [];
        public string? Instrument { get; private set; }
        public int? PlateSize { get; private set; }

        public void Document()
        {
            r.MoveToContent();
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "rdml")
                throw new InstrumentFileException($"{Name}: the XML root is <{r.LocalName}>, not <rdml>; this is not an RDML file.");
            Children(() =>
            {
                switch (r.LocalName)
                {
                    case "sample": Sample(); break;
                    case "target": Target(); break;
                    case "experiment": Children(() => { if (r.LocalName == "run") Run(); else r.Skip(); }); break;
                    default: r.Skip(); break;
                }
            });
            if (_runs == 0) throw new InstrumentFileException($"{Name}: the file has no experiment with a run.");
        }

        private void Sample()
        {
            var id = r.GetAttribute("id");
            string? description = null;
            Children(() => { if (r.LocalName == "description") description = Text(); else r.Skip(); });
            if (string.IsNullOrEmpty(id)) return;
            // LightCycler 96 identifies samples by GUID and puts the name the lab typed into the description.
            Samples[id] = Guid.TryParse(id, out _) && !string.IsNullOrWhiteSpace(description) ? description.Trim() : id;
        }

        private void Target()
        {
            var id = r.GetAttribute("id");
            string? dye = null;
            Children(() =>
            {
                if (r.LocalName != "dyeId") { r.Skip(); return; }
                // RDML 1.0 writes <dyeId>FAM</dyeId>, later versions <dyeId id="FAM"/>.
                var attribute = r.GetAttribute("id");
                if (attribute is not null) { dye = attribute; r.Skip(); }
                else dye = Text();
            });
            if (!string.IsNullOrEmpty(id)) Dyes[id] = TextParsing.NullIfEmpty(dye ?? "");
        }

        private void Run()
        {
            _runs++;
            var runId = r.GetAttribute("id") ?? _runs.ToString(CultureInfo.InvariantCulture);
            int rows = 0, columns = 0;
            Children(() =>
            {
                switch (r.LocalName)
                {
                    case "instrument":
                        var instrument = Text().Trim();
                        if (instrument.Length > 0) Instrument ??= instrument;
                        break;
                    case "pcrFormat":
                        (rows, columns) = Format(runId);
                        break;
                    case "react":
                        React(runId, rows, columns);
                        break;
                    default:
                        r.Skip();
                        break;
                }
            });
        }

        private (int Rows, int Columns) Format(string runId)
        {
            string? rows = null, columns = null;
            Children(() =>
            {
                if (r.LocalName == "rows") rows = Text();
                else if (r.LocalName == "columns") columns = Text();
                else r.Skip();
            });
            if (rows is null) return (0, 0); // RDML 1.0 "free format"
            var rowCount = TextParsing.WholeNumber(rows, $"{Name} run {runId} pcrFormat rows");
            var columnCount = TextParsing.WholeNumber(columns ?? "", $"{Name} run {runId} pcrFormat columns");
            if (!((rowCount == 8 && columnCount == 12) || (rowCount == 16 && columnCount == 24)))
                throw new InstrumentFileException($"{Name} run {runId}: the plate format {rowCount}×{columnCount} is not a 96- or 384-well plate.");
            PlateSize ??= rowCount * columnCount;
            if (PlateSize != rowCount * columnCount)
                throw new InstrumentFileException($"{Name} run {runId}: runs on plates of different sizes in one file.");
            return (rowCount, columnCount);
        }

        private void React(string runId, int rows, int columns)
        {
            var reactId = r.GetAttribute("id") ?? "";
            var context = $"{Name} run {TextParsing.Clip(runId)} react {TextParsing.Clip(reactId)}";
            var well = Position(reactId, rows, columns, context);
            string? sampleRef = null;
            var data = new List<(string Target, string? Cq, double[]? Curve, double? LastCycle)>(4);
            Children(() =>
            {
                switch (r.LocalName)
                {
                    case "sample":
                        sampleRef = r.GetAttribute("id");
                        r.Skip();
                        break;
                    case "data":
                        data.Add(Data(context));
                        break;
                    default:
                        r.Skip();
                        break;
                }
            });
            foreach (var d in data)
                Results.Add(new Result(well, sampleRef, d.Target, d.Cq, d.Curve, d.LastCycle, context));
        }

        private (string Target, string? Cq, double[]? Curve, double? LastCycle) Data(string context)
        {
            string? target = null, cq = null;
            List<(double Cycle, double Fluor)>? points = null;
            Children(() =>
            {
                switch (r.LocalName)
                {
                    case "tar":
                        target = r.GetAttribute("id");
                        r.Skip();
                        break;
                    case "cq":
                        cq = Text();
                        break;
                    case "adp":
                        (points ??= new List<(double, double)>(50)).Add(Point(context));
                        break;
                    default:
                        r.Skip();
                        break;
                }
            });
            if (string.IsNullOrEmpty(target))
                throw new InstrumentFileException($"{context}: a data element names no target (tar).");
            if (points is null) return (target, cq, null, null);
            points.Sort((a, b) => a.Cycle.CompareTo(b.Cycle));
            var curve = new double[points.Count];
            for (var i = 0; i < curve.Length; i++) curve[i] = points[i].Fluor;
            return (target, cq, curve, points[^1].Cycle);
        }

        private (double Cycle, double Fluor) Point(string context)
        {
            string? cycle = null, fluor = null;
            Children(() =>
            {
                if (r.LocalName == "cyc") cycle = Text();
                else if (r.LocalName == "fluor") fluor = Text();
                else r.Skip();
            });
            return (TextParsing.Number(cycle ?? "", context + " adp cyc"), TextParsing.Number(fluor ?? "", context + " adp fluor"));
        }

        private string Text() => r.ReadElementContentAsString();

        /// <summary>Calls <paramref name="child"/> on each child element of the current element; it must consume that element.</summary>
        private void Children(Action child)
        {
            if (r.IsEmptyElement)
            {
                r.Read();
                return;
            }
            var depth = r.Depth;
            r.Read();
            while (!(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
            {
                if (r.EOF) throw new InstrumentFileException($"{Name}: the XML ends early; the file is truncated.");
                if (r.NodeType == XmlNodeType.Element) child();
                else r.Read();
            }
            r.Read();
        }
    }

    private static WellPosition Position(string reactId, int rows, int columns, string context)
    {
        if (int.TryParse(reactId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var size = rows * columns is 96 or 384 ? rows * columns : number <= 96 ? 96 : 384;
            return WellPosition.TryFromIndex(number - 1, size, out var numbered, out _)
                ? numbered
                : throw new InstrumentFileException($"{context}: react {number} is not a well of a {size}-well plate.");
        }
        return WellPosition.TryParse(reactId, out var well, out var error)
            ? well
            : throw new InstrumentFileException($"{context}: {error}");
    }
}

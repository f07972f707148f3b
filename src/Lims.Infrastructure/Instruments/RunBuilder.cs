using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

/// <summary>Collects the results of a file well by well, checks them for consistency and builds the <see cref="ParsedRun"/>.</summary>
internal sealed class RunBuilder(InstrumentFormat format)
{
    /// <summary>Above this no instrument reports a real Ct; such values are "no Ct" markers (LightCycler 96 writes 100).</summary>
    private const double MaxRealCt = 99;

    private readonly Dictionary<WellPosition, WellAccumulator> _wells = [];

    public InstrumentInfo? Instrument { get; set; }

    /// <summary>The plate size the file declares, if any; otherwise it is inferred from the wells.</summary>
    public int? PlateSize { get; set; }

    /// <param name="lastCycle">The last cycle the instrument measured, when known: a Ct there or beyond is its "no Ct" marker (ABI writes the cycle count).</param>
    public void Add(WellPosition well, string? sample, string target, string? dye, double? ct, double[]? curve, double? lastCycle, string context)
    {
        target = target.Trim();
        if (target.Length == 0)
            throw new InstrumentFileException($"{context}: well {well} has a result without a target name.");
        if (ct is { } value && (value >= MaxRealCt || (lastCycle is { } last && last > 0 && value >= last)))
            ct = null;

        if (!_wells.TryGetValue(well, out var accumulator))
        {
            if (_wells.Count >= WellPosition.MaxRows * WellPosition.MaxColumns)
                throw new InstrumentFileException($"{context}: more wells than a 384-well plate holds.");
            accumulator = new WellAccumulator();
            _wells[well] = accumulator;
        }

        sample = string.IsNullOrWhiteSpace(sample) ? null : sample.Trim();
        if (sample is not null)
        {
            if (accumulator.Sample is null) accumulator.Sample = sample;
            else if (!string.Equals(accumulator.Sample, sample, StringComparison.Ordinal))
                throw new InstrumentFileException($"{context}: well {well} is given two samples, '{accumulator.Sample}' and '{sample}'.");
        }

        foreach (var existing in accumulator.Targets)
            if (string.Equals(existing.Target, target, StringComparison.OrdinalIgnoreCase))
                throw new InstrumentFileException($"{context}: well {well} reports target '{target}' twice.");
        accumulator.Targets.Add(new ParsedTarget(target, string.IsNullOrWhiteSpace(dye) ? null : dye.Trim(), ct, curve is { Length: > 0 } ? curve : null));
    }

    public ParsedRun Build(string context)
    {
        if (_wells.Count == 0)
            throw new InstrumentFileException($"{context}: the file holds no well results.");

        var plateSize = PlateSize ?? (_wells.Keys.All(w => w.FitsIn(96)) ? 96 : 384);
        foreach (var well in _wells.Keys)
            if (!well.FitsIn(plateSize))
                throw new InstrumentFileException($"{context}: well {well} is not on a {plateSize}-well plate.");

        var wells = _wells.OrderBy(kv => kv.Key)
            .Select(kv => new ParsedWell(kv.Key, kv.Value.Sample, kv.Value.Targets))
            .ToList();
        return new ParsedRun(format, Instrument, plateSize, wells);
    }

    private sealed class WellAccumulator
    {
        public string? Sample { get; set; }
        public List<ParsedTarget> Targets { get; } = new(4);
    }
}

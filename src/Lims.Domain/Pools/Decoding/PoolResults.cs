using System.Globalization;
using Lims.Domain.Common;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Pools.Decoding;

public enum PoolOutcome : byte
{
    /// <summary>No result: the pool gives no information, so it clears none of its samples.</summary>
    NotTested = 0,
    Negative = 1,
    Positive = 2,
}

/// <summary>
/// The results of a design's pools: positive when the pool's Ct is below the cut-off (as a kit calls a target),
/// negative without a Ct or with a Ct at or above it. A pool without a result is <see cref="PoolOutcome.NotTested"/>:
/// adaptive designs test later stages only where they are needed, and a missing result must never clear a sample.
/// A result for a pool the design lacks, a pool given two results, or a Ct that is no number of cycles is refused.
/// </summary>
public sealed class PoolResults
{
    public const double DefaultCtCutoff = 40;

    private readonly PoolOutcome[] _outcome;
    private readonly float[] _ct;

    public PoolResults(PoolDesign design, double ctCutoff = DefaultCtCutoff)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (!double.IsFinite(ctCutoff) || ctCutoff <= 0)
            throw new DomainException("invalid-ct-cutoff", $"The Ct cut-off is a positive number of cycles; {ctCutoff.ToString(CultureInfo.InvariantCulture)} is not.");
        Design = design;
        CtCutoff = ctCutoff;
        _outcome = new PoolOutcome[design.PoolCount];
        _ct = new float[design.PoolCount];
        _ct.AsSpan().Fill(float.NaN);
    }

    public PoolDesign Design { get; }

    public double CtCutoff { get; }

    public int TestedCount { get; private set; }

    public ReadOnlySpan<PoolOutcome> Outcomes => _outcome;

    /// <summary>Each pool's Ct; NaN where there is none.</summary>
    public ReadOnlySpan<float> Cts => _ct;

    public PoolOutcome OutcomeOf(int pool) => _outcome[pool];

    public double? CtOf(int pool) => float.IsNaN(_ct[pool]) ? null : _ct[pool];

    /// <summary>A pool's Ct (null: no amplification).</summary>
    public void Record(int pool, double? ct)
    {
        if (ct is not { } value)
        {
            Set(pool, PoolOutcome.Negative, float.NaN);
            return;
        }
        if (!double.IsFinite(value) || value < 0)
            throw new DomainException("invalid-ct", $"Pool '{Design.PoolIds[pool]}': a Ct is a number of cycles ≥ 0; {value.ToString(CultureInfo.InvariantCulture)} is not.");
        Set(pool, value < CtCutoff ? PoolOutcome.Positive : PoolOutcome.Negative, (float)value);
    }

    /// <summary>A pool's result by its id; an id the design lacks is refused.</summary>
    public void Record(string pool, double? ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var index = Design.PoolIds.IndexOf(pool);
        if (index < 0) throw new DomainException("unknown-pool", $"There is a result for pool '{pool}', which the design does not have.");
        Record(index, ct);
    }

    /// <summary>A positive or negative call without a Ct (e.g. a result read from another system).</summary>
    public void Record(int pool, PoolOutcome outcome)
    {
        if (outcome == PoolOutcome.NotTested) throw new ArgumentException("Record a result, not its absence.", nameof(outcome));
        Set(pool, outcome, float.NaN);
    }

    private void Set(int pool, PoolOutcome outcome, float ct)
    {
        if ((uint)pool >= (uint)_outcome.Length) throw new ArgumentOutOfRangeException(nameof(pool), pool, "No such pool in the design.");
        if (_outcome[pool] != PoolOutcome.NotTested)
            throw new DomainException("duplicate-result", $"Pool '{Design.PoolIds[pool]}' has two results.");
        _outcome[pool] = outcome;
        _ct[pool] = ct;
        TestedCount++;
    }

    /// <summary>Forget every result (to reuse the buffers for the next run of the same design).</summary>
    public void Clear()
    {
        _outcome.AsSpan().Clear();
        _ct.AsSpan().Fill(float.NaN);
        TestedCount = 0;
    }
}

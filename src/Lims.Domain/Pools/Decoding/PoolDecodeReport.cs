using System.Globalization;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Pools.Decoding;

/// <summary>A flag raised by a decoding: on a <c>pool</c> (weak-positive, late-negative) or a <c>sample</c> (weak-positive, ct-spread).</summary>
public sealed record PoolDecodeFlag(string Kind, string Id, string Flag, string Detail);

/// <summary>
/// A decoding by ids, as <c>lims pool decode</c> prints it and <c>POST /api/v1/pooling/decode</c> answers it. Every
/// list is sorted by ordinal id but <see cref="Retests"/>, which is in retest order: lowest estimated Ct first, then
/// sample index (for a membership list, the ordinal order of the ids). <see cref="UntestedPools"/> are pools of the
/// design without a result: they cleared none of their samples.
/// </summary>
public sealed record PoolDecodeReport(
    IReadOnlyList<string> DefinitePositives,
    IReadOnlyList<string> PossiblePositives,
    IReadOnlyList<string> Negatives,
    IReadOnlyList<string> UnexplainedPositivePools,
    IReadOnlyList<string> Retests,
    IReadOnlyList<string> UntestedPools,
    IReadOnlyList<PoolDecodeFlag> Flags)
{
    /// <summary>
    /// Decode a design given as memberships (pool, sample) with results (pool, Ct; a null Ct is negative). Every
    /// problem is a <see cref="Common.DomainException"/>: a duplicate membership, a result for a pool the design lacks,
    /// two results for a pool, a bad Ct or cut-off, a pool over the dilution cap.
    /// <paramref name="swabs"/> gives the swabs behind samples that are more than one (a pooled collection tube).
    /// </summary>
    public static PoolDecodeReport Decode(
        IEnumerable<(string Pool, string Sample)> design,
        IEnumerable<(string Pool, double? Ct)> results,
        double ctCutoff = PoolResults.DefaultCtCutoff,
        int dilutionCap = PoolDesign.DefaultDilutionCap,
        DecodeOptions? options = null,
        IReadOnlyDictionary<string, int>? swabs = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var pools = PoolDesign.FromMemberships(design, dilutionCap, swabs);
        var recorded = new PoolResults(pools, ctCutoff);
        foreach (var (pool, ct) in results) recorded.Record(pool, ct);
        return Create(PoolDecoder.Decode(recorded, options));
    }

    public static PoolDecodeReport Create(PoolDecoding decoding)
    {
        ArgumentNullException.ThrowIfNull(decoding);
        var design = decoding.Design;
        var results = decoding.Results ?? throw new ArgumentException("Nothing was decoded yet.", nameof(decoding));
        var samples = design.SampleIds;
        var poolIds = design.PoolIds;

        List<string> definite = [], possible = [], negative = [];
        for (var s = 0; s < design.SampleCount; s++)
        {
            var list = decoding.CallOf(s) switch
            {
                SampleCall.Negative => negative,
                SampleCall.PossiblePositive => possible,
                SampleCall.DefinitePositive => definite,
            };
            list.Add(samples[s]);
        }

        var untested = new List<string>();
        for (var p = 0; p < design.PoolCount; p++)
            if (results.OutcomeOf(p) == PoolOutcome.NotTested) untested.Add(poolIds[p]);

        var cutoff = results.CtCutoff.ToString(CultureInfo.InvariantCulture);
        var flags = new List<PoolDecodeFlag>();
        foreach (var p in decoding.NearCutoffPools)
        {
            var ct = Cycles(results.CtOf(p)!.Value);
            var shift = Cycles(Math.Log2(design.SwabsIn(p)));
            flags.Add(results.OutcomeOf(p) == PoolOutcome.Positive
                ? new PoolDecodeFlag("pool", poolIds[p], "weak-positive",
                    $"Ct {ct} is within {shift} cycles (log2 of {design.SwabsIn(p)} swabs) below the cut-off {cutoff}: a weak positive")
                : new PoolDecodeFlag("pool", poolIds[p], "late-negative",
                    $"Ct {ct} is at or above the cut-off {cutoff} but within {shift} cycles (log2 of {design.SwabsIn(p)} swabs): undiluted, a sample could be positive"));
        }
        foreach (var s in decoding.Candidates)
        {
            var sampleFlags = decoding.FlagsOf(s);
            var estimate = decoding.EstimatedCt(s) is { } e ? $"estimated individual Ct {Cycles(e)}" : "no Ct";
            if (sampleFlags.HasFlag(SampleFlags.NearCutoff))
                flags.Add(new PoolDecodeFlag("sample", samples[s], "weak-positive", $"in a positive pool near the cut-off; {estimate}"));
            if (sampleFlags.HasFlag(SampleFlags.CtSpread))
                flags.Add(new PoolDecodeFlag("sample", samples[s], "ct-spread",
                    $"its pools' Ct estimates differ by {Cycles(decoding.CtSpread(s)!.Value)} cycles; {estimate}"));
        }

        return new PoolDecodeReport(
            Sorted(definite),
            Sorted(possible),
            Sorted(negative),
            Sorted(decoding.UnexplainedPositivePools.ToArray().Select(p => poolIds[p])),
            [.. decoding.Retests.ToArray().Select(s => samples[s])],
            Sorted(untested),
            [.. flags.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Flag, StringComparer.Ordinal)]);
    }

    private static string Cycles(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}

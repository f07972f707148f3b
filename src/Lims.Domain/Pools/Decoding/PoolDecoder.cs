using System.Runtime.InteropServices;
using Lims.Domain.Common;

namespace Lims.Domain.Pools.Decoding;

/// <summary>Decoding settings.</summary>
public sealed record DecodeOptions
{
    public static readonly DecodeOptions Default = new();

    /// <summary>A sample whose per-pool Ct estimates differ by more than this many cycles is flagged.</summary>
    public double MaxCtSpread { get; init; } = 3;
}

/// <summary>
/// COMP, DD and SCOMP for any design, in one pass set: COMP marks every sample of a negative pool negative; a
/// positive pool with exactly one remaining candidate makes it a definite positive (DD); SCOMP then adds, greedily,
/// the candidate that explains the most positive pools no chosen positive explains yet (ties: lower estimated Ct,
/// then lower sample index), until every explainable positive pool is explained. A positive pool with no candidate
/// at all is reported as unexplained. Adaptive designs decode from whatever stages have results: untested pools
/// clear nothing, so the same call works after each stage and names the pools to run next.
/// <para>
/// Cost: linear in the memberships of tested pools plus a scan of the samples; the per-candidate work (Ct estimates,
/// SCOMP, ordering) is proportional to the candidates. Nothing is allocated once the <see cref="PoolDecoding"/>'s
/// buffers have grown to the number of candidates.
/// </para>
/// </summary>
public static class PoolDecoder
{
    /// <summary>Decode into a new <see cref="PoolDecoding"/>.</summary>
    public static PoolDecoding Decode(PoolResults results, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var decoding = new PoolDecoding(results.Design);
        Decode(results, decoding, options);
        return decoding;
    }

    /// <summary>Decode into <paramref name="into"/>, reusing its buffers; it must be made for the same design.</summary>
    public static void Decode(PoolResults results, PoolDecoding into, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(into);
        if (!ReferenceEquals(results.Design, into.Design)) throw new ArgumentException("The decoding was made for another design.", nameof(into));
        options ??= DecodeOptions.Default;
        if (!(options.MaxCtSpread >= 0)) throw new DomainException("invalid-ct-spread", "The allowed Ct spread is a number of cycles ≥ 0.");

        into.Results = results;
        MarkNegatives(results, into);
        ExplainPositivePools(results, into);
        CollectCandidates(into);
        EstimateCandidates(results, into, options.MaxCtSpread);
        Order(into);
        Scomp(results, into);
        Retests(into);
        NextPools(results, into);
    }

    /// <summary>COMP: every sample of a negative pool is negative. Late negatives near the cut-off are noted.</summary>
    private static void MarkNegatives(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var cts = results.Cts;
        var starts = design.PoolStarts;
        var members = design.PoolMembers;
        var calls = into.CallBuffer;
        var state = into.PoolState;
        var cutoff = results.CtCutoff;
        calls.AsSpan().Fill(SampleCall.PossiblePositive);
        into.NearCutoffCount = 0;
        for (var p = 0; p < outcomes.Length; p++)
        {
            if (outcomes[p] != PoolOutcome.Negative) continue;
            for (int i = starts[p], end = starts[p + 1]; i < end; i++) calls[members[i]] = SampleCall.Negative;
            // A Ct at or above the cut-off that the pool's dilution could have pushed there.
            var ct = cts[p];
            if (!float.IsNaN(ct) && ct < cutoff + Math.Log2(design.SwabsIn(p)))
            {
                state[p] = PoolDecoding.PoolNearCutoff;
                Add(ref into.NearCutoffBuffer, ref into.NearCutoffCount, p);
            }
            else
            {
                state[p] = 0;
            }
        }
    }

    /// <summary>DD: the only candidate of a positive pool is a definite positive; a positive pool without any is unexplained.</summary>
    private static void ExplainPositivePools(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var cts = results.Cts;
        var starts = design.PoolStarts;
        var members = design.PoolMembers;
        var calls = into.CallBuffer;
        var state = into.PoolState;
        var cutoff = results.CtCutoff;
        var nearCutoffNegatives = into.NearCutoffCount;
        into.UnexplainedCount = 0;
        for (var p = 0; p < outcomes.Length; p++)
        {
            if (outcomes[p] != PoolOutcome.Positive) continue;
            int candidates = 0, last = -1;
            for (int i = starts[p], end = starts[p + 1]; i < end; i++)
            {
                var s = members[i];
                if (calls[s] == SampleCall.Negative) continue;
                candidates++;
                last = s;
            }
            byte pool;
            if (candidates == 0)
            {
                pool = PoolDecoding.PoolNoCandidate;
                Add(ref into.UnexplainedBuffer, ref into.UnexplainedCount, p);
            }
            else if (candidates == 1)
            {
                calls[last] = SampleCall.DefinitePositive;
                pool = PoolDecoding.PoolExplained;
            }
            else
            {
                pool = PoolDecoding.PoolOpen;
            }
            var ct = cts[p];
            if (!float.IsNaN(ct) && ct > cutoff - Math.Log2(design.SwabsIn(p)))
            {
                pool |= PoolDecoding.PoolNearCutoff;
                Add(ref into.NearCutoffBuffer, ref into.NearCutoffCount, p);
            }
            state[p] = pool;
        }
        if (into.NearCutoffCount > nearCutoffNegatives) into.NearCutoffBuffer.AsSpan(0, into.NearCutoffCount).Sort();
    }

    /// <summary>The candidates (samples in no negative pool), ascending; a vectorised scan for the non-negative calls.</summary>
    private static void CollectCandidates(PoolDecoding into)
    {
        var calls = MemoryMarshal.Cast<SampleCall, byte>(into.CallBuffer.AsSpan());
        into.CandidateCount = 0;
        into.DefiniteTotal = 0;
        var position = 0;
        while (position < calls.Length)
        {
            var next = calls[position..].IndexOfAnyExcept((byte)SampleCall.Negative);
            if (next < 0) break;
            position += next;
            if (calls[position] == (byte)SampleCall.DefinitePositive) into.DefiniteTotal++;
            Add(ref into.CandidateBuffer, ref into.CandidateCount, position);
            position++;
        }
        var count = into.CandidateCount;
        Grow(ref into.EstimateBuffer, count);
        Grow(ref into.SpreadBuffer, count);
        Grow(ref into.FlagBuffer, count);
        Grow(ref into.ScompBuffer, count);
        Grow(ref into.CoverageBuffer, count);
        Grow(ref into.OrderBuffer, count);
    }

    /// <summary>
    /// Per candidate: its individual Ct from each positive pool (pool Ct − log2 of the pool's swabs over its own), the
    /// mean and spread of those, the flags; the positive pools a definite positive explains; the open positive pools
    /// each other candidate could explain (its SCOMP coverage).
    /// </summary>
    private static void EstimateCandidates(PoolResults results, PoolDecoding into, double maxSpread)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var cts = results.Cts;
        var calls = into.CallBuffer;
        var state = into.PoolState;
        var candidates = into.CandidateBuffer;

        // Definite positives first, so that coverage counts only pools nobody explains.
        for (var i = 0; i < into.CandidateCount; i++)
        {
            var s = candidates[i];
            if (calls[s] != SampleCall.DefinitePositive) continue;
            foreach (var p in design.PoolsOf(s))
                if (outcomes[p] == PoolOutcome.Positive) state[p] = (byte)((state[p] & PoolDecoding.PoolNearCutoff) | PoolDecoding.PoolExplained);
        }

        for (var i = 0; i < into.CandidateCount; i++)
        {
            var s = candidates[i];
            var swabs = design.SwabsOf(s);
            double sum = 0, min = double.MaxValue, max = double.MinValue;
            int estimates = 0, coverage = 0;
            var flags = SampleFlags.None;
            foreach (var p in design.PoolsOf(s))
            {
                if (outcomes[p] != PoolOutcome.Positive) continue;
                if ((state[p] & PoolDecoding.PoolOpen) != 0) coverage++;
                if ((state[p] & PoolDecoding.PoolNearCutoff) != 0) flags |= SampleFlags.NearCutoff;
                var ct = cts[p];
                if (float.IsNaN(ct)) continue;
                var estimate = ct - Math.Log2((double)design.SwabsIn(p) / swabs);
                sum += estimate;
                estimates++;
                if (estimate < min) min = estimate;
                if (estimate > max) max = estimate;
            }
            if (estimates > 1 && max - min > maxSpread) flags |= SampleFlags.CtSpread;
            into.EstimateBuffer[i] = estimates == 0 ? float.NaN : (float)(sum / estimates);
            into.SpreadBuffer[i] = estimates == 0 ? float.NaN : (float)(max - min);
            into.FlagBuffer[i] = flags;
            into.ScompBuffer[i] = false;
            into.CoverageBuffer[i] = calls[s] == SampleCall.DefinitePositive ? 0 : coverage;
        }
    }

    /// <summary>Candidate positions sorted most likely first: lowest estimated Ct (none last), then sample index.</summary>
    private static void Order(PoolDecoding into)
    {
        var order = into.OrderBuffer.AsSpan(0, into.CandidateCount);
        for (var i = 0; i < order.Length; i++) order[i] = ((ulong)SortableKey(into.EstimateBuffer[i]) << 32) | (uint)i;
        order.Sort();
    }

    /// <summary>
    /// SCOMP's greedy cover, level by level: with coverage counts that only fall, the first candidate in likelihood
    /// order whose current coverage equals the highest level left is exactly the greedy choice.
    /// </summary>
    private static void Scomp(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var state = into.PoolState;
        var order = into.OrderBuffer.AsSpan(0, into.CandidateCount);
        var coverage = into.CoverageBuffer;
        var top = 0;
        for (var i = 0; i < into.CandidateCount; i++) top = Math.Max(top, coverage[i]);
        for (var level = top; level >= 1; level--)
        {
            foreach (var key in order)
            {
                var i = (int)(uint)key;
                if (coverage[i] < level) continue;
                var pools = design.PoolsOf(into.CandidateBuffer[i]);
                var open = 0;
                foreach (var p in pools)
                    if (outcomes[p] == PoolOutcome.Positive && (state[p] & PoolDecoding.PoolOpen) != 0) open++;
                coverage[i] = open;
                if (open < level) continue;
                into.ScompBuffer[i] = true;
                coverage[i] = 0;
                foreach (var p in pools)
                    if (outcomes[p] == PoolOutcome.Positive && (state[p] & PoolDecoding.PoolOpen) != 0)
                        state[p] = (byte)((state[p] & PoolDecoding.PoolNearCutoff) | PoolDecoding.PoolExplained);
            }
        }
    }

    private static void Retests(PoolDecoding into)
    {
        into.RetestCount = 0;
        Grow(ref into.RetestBuffer, into.CandidateCount - into.DefiniteTotal);
        foreach (var key in into.OrderBuffer.AsSpan(0, into.CandidateCount))
        {
            var s = into.CandidateBuffer[(int)(uint)key];
            if (into.CallBuffer[s] == SampleCall.PossiblePositive) into.RetestBuffer[into.RetestCount++] = s;
        }
    }

    /// <summary>
    /// Untested pools holding a candidate, once every pool of an earlier stage of their samples has a result, in the
    /// order of their most likely candidate's estimated Ct, then pool index. Each untested pool is judged once, through
    /// its most likely candidate (marked while this runs).
    /// </summary>
    private static void NextPools(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var state = into.PoolState;
        into.NextPoolCount = 0;
        into.JudgedCount = 0;
        if (results.TestedCount == design.PoolCount) return;
        foreach (var key in into.OrderBuffer.AsSpan(0, into.CandidateCount))
        {
            foreach (var p in design.PoolsOf(into.CandidateBuffer[(int)(uint)key]))
            {
                if (outcomes[p] != PoolOutcome.NotTested || state[p] == PoolDecoding.PoolJudged) continue;
                state[p] = PoolDecoding.PoolJudged;
                Add(ref into.JudgedBuffer, ref into.JudgedCount, p);
                if (!EarlierStagesTested(design, outcomes, p)) continue;
                if (into.NextPoolCount == into.NextOrderBuffer.Length) Array.Resize(ref into.NextOrderBuffer, into.NextOrderBuffer.Length * 2);
                into.NextOrderBuffer[into.NextPoolCount++] = (key & 0xFFFF_FFFF_0000_0000ul) | (uint)p;
            }
        }
        foreach (var p in into.JudgedBuffer.AsSpan(0, into.JudgedCount)) state[p] = 0;

        // By their most likely candidate's estimated Ct, then in design order.
        var order = into.NextOrderBuffer.AsSpan(0, into.NextPoolCount);
        order.Sort();
        Grow(ref into.NextPoolBuffer, order.Length);
        for (var i = 0; i < order.Length; i++) into.NextPoolBuffer[i] = (int)(uint)order[i];
    }

    private static bool EarlierStagesTested(Designs.PoolDesign design, ReadOnlySpan<PoolOutcome> outcomes, int pool)
    {
        var stage = design.StageOf(pool);
        if (stage == 1) return true;
        foreach (var m in design.SamplesOf(pool))
            foreach (var q in design.PoolsOf(m))
                if (design.StageOf(q) < stage && outcomes[q] == PoolOutcome.NotTested) return false;
        return true;
    }

    /// <summary>An order-preserving unsigned key of a float; NaN sorts last.</summary>
    private static uint SortableKey(float value)
    {
        if (float.IsNaN(value)) return uint.MaxValue;
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static void Add(ref int[] buffer, ref int count, int value)
    {
        if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        buffer[count++] = value;
    }

    private static void Grow<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count) buffer = new T[Math.Max(count, buffer.Length * 2)];
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lims.Domain.Common;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Pools.Decoding;

/// <summary>A positive pool as the first pass found it: its index and Ct, its range in the design's member list, its dilution shift.</summary>
internal readonly record struct PositivePool(int Pool, int Start, int End, float Ct, float Shift, byte NearCutoff);

/// <summary>Decoding settings.</summary>
public sealed record DecodeOptions
{
    public static readonly DecodeOptions Default = new();

    /// <summary>A sample whose per-pool Ct estimates differ by more than this many cycles is flagged.</summary>
    public double MaxCtSpread { get; init; } = 3;
}

/// <summary>
/// COMP, DD and SCOMP for any design, in one set of passes: COMP marks every sample of a negative pool negative; a
/// positive pool with exactly one remaining candidate makes it a definite positive (DD); SCOMP then adds, greedily,
/// the candidate that explains the most positive pools no chosen positive explains yet (ties: lower estimated Ct,
/// then lower sample index), until every explainable positive pool is explained. A positive pool with no candidate
/// at all is reported as unexplained. Adaptive designs decode from whatever stages have results: untested pools
/// clear nothing, so the same call works after each stage and names the pools to run next.
/// <para>
/// Cost: one sequential sweep over the tested pools and their memberships, a vectorised scan of the samples, then
/// work proportional to the positive pools and the candidates, done in memory order (Ct estimates are gathered from
/// the positive pools rather than looked up per candidate). Nothing is allocated once the
/// <see cref="PoolDecoding"/>'s buffers have grown to the number of candidates. The passes are compiled fully
/// optimised at once: a lab decodes a few large runs a day, too few for tiered compilation to reach its best code.
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
    public static void Decode(PoolResults results, PoolDecoding into, DecodeOptions? options = null) => Decode(results, into, options, arrayPath: true);

    /// <summary>
    /// Decode; without <paramref name="arrayPath"/>, an array design goes through the general passes too (the tests
    /// compare both paths' answers).
    /// </summary>
    internal static void Decode(PoolResults results, PoolDecoding into, DecodeOptions? options, bool arrayPath)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(into);
        if (!ReferenceEquals(results.Design, into.Design)) throw new ArgumentException("The decoding was made for another design.", nameof(into));
        options ??= DecodeOptions.Default;
        if (!(options.MaxCtSpread >= 0)) throw new DomainException("invalid-ct-spread", "The allowed Ct spread is a number of cycles ≥ 0.");

        into.Results = results;
        if (!(arrayPath && DecodeArrays(results, into)))
        {
            MarkNegatives(results, into);
            CollectCandidates(into);
            ExplainPositivePools(results.Design, into);
        }
        ResolveOpenPools(into);
        FinishCandidates(into, options.MaxCtSpread);
        Order(into);
        Scomp(into);
        Retests(into);
        NextPools(results, into);
    }

    /// <summary>
    /// COMP, one sequential sweep over the pools: every sample of a negative pool is negative (a pool whose samples
    /// are a run of indexes, as Dorfman pools and array rows are, is cleared as a block). Runs of untested pools are
    /// skipped with a vectorised scan. Positive pools are listed with their member range, Ct and dilution shift for
    /// the next passes, and pools whose Ct lies within their dilution shift of the cut-off are noted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MarkNegatives(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = MemoryMarshal.Cast<PoolOutcome, byte>(results.Outcomes);
        var cts = results.Cts;
        var starts = design.PoolStarts;
        var members = design.PoolMembers;
        var calls = MemoryMarshal.Cast<SampleCall, byte>(into.CallBuffer.AsSpan());
        var state = into.PoolState;
        var cutoff = results.CtCutoff;
        calls.Fill((byte)SampleCall.PossiblePositive);
        into.NearCutoffCount = 0;
        into.PositivePoolCount = 0;
        // Member indexes were checked against the sample count when the design was made.
        ref var call = ref MemoryMarshal.GetReference(calls);
        for (var p = 0; p < outcomes.Length; p++)
        {
            if (outcomes[p] == (byte)PoolOutcome.NotTested)
            {
                var skip = outcomes[p..].IndexOfAnyExcept((byte)PoolOutcome.NotTested);
                if (skip < 0) break;
                p += skip;
            }
            int start = starts[p], end = starts[p + 1];
            var ct = cts[p];
            byte near = 0;
            if (outcomes[p] == (byte)PoolOutcome.Positive)
            {
                var shift = (float)design.ShiftOf(p);
                if (ct > cutoff - shift) near = PoolDecoding.PoolNearCutoff;
                if (into.PositivePoolCount == into.PositivePoolBuffer.Length) Array.Resize(ref into.PositivePoolBuffer, into.PositivePoolCount * 2);
                into.PositivePoolBuffer[into.PositivePoolCount++] = new PositivePool(p, start, end, ct, shift, near);
            }
            else
            {
                var first = members[start];
                var count = end - start;
                if (members[end - 1] - first == count - 1) Clear(ref Unsafe.Add(ref call, first), count);
                else
                    foreach (var s in members[start..end]) Unsafe.Add(ref call, s) = (byte)SampleCall.Negative;
                if (ct < cutoff + design.ShiftOf(p)) near = PoolDecoding.PoolNearCutoff; // false for NaN
            }
            state[p] = near;
            if (near != 0) Add(ref into.NearCutoffBuffer, ref into.NearCutoffCount, p);
        }
    }

    /// <summary>Zero <paramref name="count"/> bytes: overlapping word stores for the short runs pools are made of.</summary>
    private static void Clear(ref byte start, int count)
    {
        if (count >= 16) Unsafe.InitBlockUnaligned(ref start, 0, (uint)count);
        else if (count >= 8)
        {
            Unsafe.WriteUnaligned(ref start, 0ul);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, count - 8), 0ul);
        }
        else if (count >= 4)
        {
            Unsafe.WriteUnaligned(ref start, 0u);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, count - 4), 0u);
        }
        else if (count >= 2)
        {
            Unsafe.WriteUnaligned(ref start, (ushort)0);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, count - 2), (ushort)0);
        }
        else if (count == 1) start = 0;
    }

    /// <summary>
    /// The candidates (samples in no negative pool), ascending, found with a vectorised scan; each gets its position
    /// (sample → position) and cleared per-candidate figures.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CollectCandidates(PoolDecoding into)
    {
        var calls = MemoryMarshal.Cast<SampleCall, byte>(into.CallBuffer.AsSpan());
        var positions = into.PositionBuffer;
        into.CandidateCount = 0;
        var position = 0;
        while (position < calls.Length)
        {
            var next = calls[position..].IndexOfAnyExcept((byte)SampleCall.Negative);
            if (next < 0) break;
            position += next;
            if (into.CandidateCount == into.CandidateBuffer.Length) Array.Resize(ref into.CandidateBuffer, into.CandidateCount * 2);
            positions[position] = into.CandidateCount;
            into.CandidateBuffer[into.CandidateCount++] = position;
            position++;
        }
        var count = into.CandidateCount;
        Grow(ref into.CandidateCallBuffer, count);
        Grow(ref into.TallyBuffer, count);
        Grow(ref into.EstimateBuffer, count);
        Grow(ref into.SpreadBuffer, count);
        Grow(ref into.FlagBuffer, count);
        Grow(ref into.ScompBuffer, count);
        Grow(ref into.CoverageBuffer, count);
        Grow(ref into.OpenHeadBuffer, count);
        Grow(ref into.OrderBuffer, count);
        into.CandidateCallBuffer.AsSpan(0, count).Fill(SampleCall.PossiblePositive);
        into.TallyBuffer.AsSpan(0, count).Fill(new PoolDecoding.Tally { Min = float.MaxValue, Max = float.MinValue });
        into.ScompBuffer.AsSpan(0, count).Clear();
        into.CoverageBuffer.AsSpan(0, count).Clear();
        into.OpenHeadBuffer.AsSpan(0, count).Fill(-1);
        into.DefiniteTotal = 0;
        into.OpenLinkCount = 0;
    }

    /// <summary>
    /// DD, pool by pool: the only candidate of a positive pool is a definite positive; a positive pool without any is
    /// unexplained; one with several is open. Each candidate gathers its individual Ct from each of its positive pools
    /// (pool Ct − log2 of the pool's swabs over its own) and the pool's near-cut-off flag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExplainPositivePools(Designs.PoolDesign design, PoolDecoding into)
    {
        var members = design.PoolMembers;
        var calls = MemoryMarshal.Cast<SampleCall, byte>(into.CallBuffer.AsSpan());
        var positions = into.PositionBuffer;
        var state = into.PoolState;
        var tallies = into.TallyBuffer;
        var pooledTubes = design.HasPooledTubes;
        into.UnexplainedCount = 0;
        into.OpenPoolCount = 0;
        ref var call = ref MemoryMarshal.GetReference(calls);
        var list = into.PositivePoolBuffer.AsSpan(0, into.PositivePoolCount);
        for (var k = 0; k < list.Length; k++)
        {
            // Prefetch what the pools a few steps ahead will read, so that their cache misses overlap with this one's.
            if (k + Ahead * 2 < list.Length)
            {
                Prefetch(in members[list[k + Ahead * 2].Start]);
                Prefetch(in state[list[k + Ahead * 2].Pool]);
            }
            if (k + Ahead < list.Length)
            {
                var s0 = members[list[k + Ahead].Start];
                Prefetch(in positions[s0]);
                Prefetch(in Unsafe.Add(ref call, s0));
            }
            var pool = list[k];
            int candidates = 0, last = -1;
            var hasCt = !float.IsNaN(pool.Ct);
            var near = pool.NearCutoff != 0 ? SampleFlags.NearCutoff : SampleFlags.None;
            foreach (var s in members[pool.Start..pool.End])
            {
                if (Unsafe.Add(ref call, s) == (byte)SampleCall.Negative) continue;
                candidates++;
                last = positions[s];
                ref var tally = ref tallies[last];
                tally.PositivePools++;
                tally.Flags |= near;
                if (!hasCt) continue;
                var estimate = pool.Ct - (pooledTubes ? (float)design.ShiftOf(pool.Pool, s) : pool.Shift);
                tally.Sum += estimate;
                tally.Estimates++;
                if (estimate < tally.Min) tally.Min = estimate;
                if (estimate > tally.Max) tally.Max = estimate;
            }
            byte explained;
            if (candidates == 0)
            {
                explained = PoolDecoding.PoolNoCandidate;
                Add(ref into.UnexplainedBuffer, ref into.UnexplainedCount, pool.Pool);
            }
            else if (candidates == 1)
            {
                if (into.CandidateCallBuffer[last] != SampleCall.DefinitePositive)
                {
                    into.CandidateCallBuffer[last] = SampleCall.DefinitePositive;
                    Unsafe.Add(ref call, into.CandidateBuffer[last]) = (byte)SampleCall.DefinitePositive;
                    into.DefiniteTotal++;
                }
                explained = PoolDecoding.PoolExplained;
            }
            else
            {
                // Open: each candidate could explain it. Linked now, while the pool's lines are at hand.
                explained = PoolDecoding.PoolOpen;
                into.OpenPoolCount++;
                foreach (var s in members[pool.Start..pool.End])
                {
                    if (Unsafe.Add(ref call, s) == (byte)SampleCall.Negative) continue;
                    var position = positions[s];
                    if (into.OpenLinkCount == into.OpenLinkBuffer.Length) Array.Resize(ref into.OpenLinkBuffer, into.OpenLinkCount * 2);
                    into.OpenLinkBuffer[into.OpenLinkCount] = (pool.Pool, into.OpenHeadBuffer[position]);
                    into.OpenHeadBuffer[position] = into.OpenLinkCount++;
                    into.CoverageBuffer[position]++;
                }
            }
            state[pool.Pool] = (byte)(pool.NearCutoff | explained);
        }
    }

    /// <summary>
    /// COMP, the candidates and DD for a design made by <see cref="PoolDesign.Arrays"/>, array by array, in place of
    /// the three general passes (same answers, same order, same arithmetic): an array's pool results become bit masks
    /// (bit i: its pool i — master, rows, columns), its candidates are the rows that are not negative × the columns
    /// that are not negative (none under a negative master pool), its calls are written a row at a time, and each
    /// positive pool's candidates are counted from the masks. No membership list is read. False (nothing done) for
    /// designs it does not fit: not an array design, a pooled collection tube, more than 64 pools per array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool DecodeArrays(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        if (!ArrayPathFits(design)) return false;
        var (rows, columns) = design.ArrayShape!.Value;
        var m = design.Kind == DesignKind.ArrayWithMaster ? 1 : 0;

        var outcomes = MemoryMarshal.Cast<PoolOutcome, byte>(results.Outcomes);
        var cts = results.Cts;
        ref var call = ref Unsafe.As<SampleCall, byte>(ref MemoryMarshal.GetArrayDataReference(into.CallBuffer));
        var positions = into.PositionBuffer;
        var state = into.PoolState;
        var cutoff = results.CtCutoff;
        var samples = design.SampleCount;
        var cells = rows * columns;
        into.NearCutoffCount = 0;
        into.PositivePoolCount = 0;
        into.UnexplainedCount = 0;
        into.OpenPoolCount = 0;
        into.DefiniteTotal = 0;
        into.OpenLinkCount = 0;

        // Per pool of an array (0–63: a full array's, 64–127: the partial last one's): its dilution shift, and the
        // Cts beyond which a positive or a negative result of it is near the cut-off (the general pass's comparisons
        // exactly; as floats for vector compares: Ct > T ⇔ Ct > the largest float ≤ T, Ct < T ⇔ Ct < the smallest
        // float ≥ T, NaN never near).
        Span<float> shifts = stackalloc float[128];
        Span<double> positiveNear = stackalloc double[128];
        Span<double> negativeNear = stackalloc double[128];
        Span<float> positiveNearF = stackalloc float[128];
        Span<float> negativeNearF = stackalloc float[128];
        var perArray = m + rows + columns;
        var fullArrays = samples / cells;
        var rest = samples % cells;
        for (var t = 0; t <= 64; t += 64)
        {
            if (t == 0 ? fullArrays == 0 : rest == 0) continue;
            var firstPool = t == 0 ? 0 : fullArrays * perArray;
            var pools = t == 0 ? perArray : m + (rest + columns - 1) / columns + Math.Min(rest, columns);
            for (var i = 0; i < pools; i++)
            {
                var shift = design.ShiftOf(firstPool + i);
                shifts[t + i] = (float)shift;
                positiveNear[t + i] = cutoff - shifts[t + i];
                negativeNear[t + i] = cutoff + shift;
                positiveNearF[t + i] = FloatBelow(positiveNear[t + i]);
                negativeNearF[t + i] = FloatAbove(negativeNear[t + i]);
            }
        }
        ref var outcomeStart = ref MemoryMarshal.GetReference(outcomes);
        ref var ctStart = ref MemoryMarshal.GetReference(cts);
        Span<byte> statePattern = stackalloc byte[64];
        ref var statePatternStart = ref MemoryMarshal.GetReference(statePattern);
        Span<float> estimates = stackalloc float[64]; // per positive pool: its Ct − its shift
        Span<int> rowStart = stackalloc int[64];      // the position of a row's first candidate
        Span<byte> pattern = stackalloc byte[64];     // a row's calls: 1 in the columns that are not negative
        ref var patternStart = ref MemoryMarshal.GetReference(pattern);
        // A batch of arrays' results as masks (negative, positive, near the cut-off), read in a first pass that also
        // asks for the lines of the candidates' positions: the second pass writes them, by then in cache (these
        // scattered writes into the sample-sized position array were half the time of the pass).
        const int Batch = 32;
        Span<ulong> masks = stackalloc ulong[Batch * 3];

        var k = 0; // candidates so far
        var capacity = CandidateCapacity(into);
        for (int batchFirst = 0, batchPool = 0; batchFirst < samples;)
        {
            var arrays = 0;
            var first = batchFirst;
            var pool = batchPool;
            for (; arrays < Batch && first < samples; arrays++)
            {
                var count = Math.Min(cells, samples - first);
                var usedRows = (count + columns - 1) / columns;
                var usedColumns = Math.Min(count, columns);
                var pools = m + usedRows + usedColumns;
                var t = count < cells ? 64 : 0;

                // The results as masks; the near-cut-off pools noted in pool order. With 64 pools of room after the
                // array's first, a few vector compares; else pool by pool.
                ulong negative = 0, positive = 0, near = 0;
                if (pool + 64 <= outcomes.Length)
                {
                    for (var j = 0; j < pools; j += 16)
                    {
                        var o = Vector128.LoadUnsafe(ref outcomeStart, (nuint)(pool + j));
                        negative |= (ulong)Vector128.Equals(o, Vector128.Create((byte)PoolOutcome.Negative)).ExtractMostSignificantBits() << j;
                        positive |= (ulong)Vector128.Equals(o, Vector128.Create((byte)PoolOutcome.Positive)).ExtractMostSignificantBits() << j;
                    }
                    var all = Low(pools);
                    negative &= all;
                    positive &= all;
                    ulong above = 0, below = 0;
                    for (var j = 0; j < pools; j += 4)
                    {
                        var ct = Vector128.LoadUnsafe(ref ctStart, (nuint)(pool + j));
                        above |= (ulong)Vector128.GreaterThan(ct, Vector128.Create(positiveNearF.Slice(t + j, 4))).ExtractMostSignificantBits() << j;
                        below |= (ulong)Vector128.LessThan(ct, Vector128.Create(negativeNearF.Slice(t + j, 4))).ExtractMostSignificantBits() << j;
                    }
                    near = (positive & above) | (negative & below);
                    var tested = positive | negative;
                    if (tested == all)
                    {
                        for (var j = 0; j < pools; j += 8)
                            Unsafe.WriteUnaligned(ref Unsafe.Add(ref statePatternStart, j), SpreadBits[(int)(near >> j) & 0xFF] * PoolDecoding.PoolNearCutoff);
                        Copy(ref state[pool], ref statePatternStart, pools);
                    }
                    else
                        foreach (var i in Bits(tested)) state[pool + i] = ((near >> i) & 1) != 0 ? PoolDecoding.PoolNearCutoff : (byte)0;
                    foreach (var i in Bits(near)) Add(ref into.NearCutoffBuffer, ref into.NearCutoffCount, pool + i);
                }
                else
                {
                    for (var i = 0; i < pools; i++)
                    {
                        var outcome = outcomes[pool + i];
                        if (outcome == (byte)PoolOutcome.NotTested) continue;
                        var ct = cts[pool + i];
                        bool isNear;
                        if (outcome == (byte)PoolOutcome.Positive)
                        {
                            positive |= 1ul << i;
                            isNear = ct > positiveNear[t + i];
                        }
                        else
                        {
                            negative |= 1ul << i;
                            isNear = ct < negativeNear[t + i]; // false for NaN
                        }
                        state[pool + i] = isNear ? PoolDecoding.PoolNearCutoff : (byte)0;
                        if (!isNear) continue;
                        near |= 1ul << i;
                        Add(ref into.NearCutoffBuffer, ref into.NearCutoffCount, pool + i);
                    }
                }
                masks[arrays * 3] = negative;
                masks[arrays * 3 + 1] = positive;
                masks[arrays * 3 + 2] = near;

                // Ask for the lines of the candidates' positions (each open row's first and last candidate).
                var openRows = m == 1 && (negative & 1) != 0 ? 0 : ~(negative >> m) & Low(usedRows);
                var openColumns = ~(negative >> (m + usedRows)) & Low(usedColumns);
                if (openColumns != 0)
                {
                    var low = BitOperations.TrailingZeroCount(openColumns);
                    var high = 63 - BitOperations.LeadingZeroCount(openColumns);
                    foreach (var r in Bits(openRows))
                    {
                        var rowFirst = first + r * columns;
                        if (rowFirst + high >= samples) break;
                        Prefetch(in positions[rowFirst + low]);
                        Prefetch(in positions[rowFirst + high]);
                    }
                }
                first += cells;
                pool += pools;
            }

            first = batchFirst;
            pool = batchPool;
            for (var a = 0; a < arrays; a++)
            {
                var count = Math.Min(cells, samples - first);
                var usedRows = (count + columns - 1) / columns;
                var usedColumns = Math.Min(count, columns);
                var lastRow = count - (usedRows - 1) * columns; // samples in the last row
                var pools = m + usedRows + usedColumns;
                var t = count < cells ? 64 : 0;
                var negative = masks[a * 3];
                var positive = masks[a * 3 + 1];
                var near = masks[a * 3 + 2];

                // COMP: the candidates are the open rows × the open columns (the last row: its first lastRow columns).
                var rowBits = Low(usedRows);
                var openRows = m == 1 && (negative & 1) != 0 ? 0 : ~(negative >> m) & rowBits;
                var openColumns = ~(negative >> (m + usedRows)) & Low(usedColumns);
                var lastIndex = usedRows - 1;
                var lastColumns = openColumns & Low(lastRow);
                var perRow = BitOperations.PopCount(openColumns);
                var arrayCandidates = ((openRows >> lastIndex) & 1) != 0
                    ? (BitOperations.PopCount(openRows) - 1) * perRow + BitOperations.PopCount(lastColumns)
                    : BitOperations.PopCount(openRows) * perRow;
                if (arrayCandidates == 0)
                {
                    Clear(ref Unsafe.Add(ref call, first), count);
                    foreach (var i in Bits(positive))
                    {
                        // A positive pool of samples all negative: unexplained.
                        state[pool + i] |= PoolDecoding.PoolNoCandidate;
                        Add(ref into.UnexplainedBuffer, ref into.UnexplainedCount, pool + i);
                    }
                    first += cells;
                    pool += pools;
                    continue;
                }

                if (k + arrayCandidates > capacity) capacity = GrowCandidates(into, k + arrayCandidates);
                for (var j = 0; j < usedColumns; j += 8) Unsafe.WriteUnaligned(ref Unsafe.Add(ref patternStart, j), SpreadBits[(int)(openColumns >> j) & 0xFF]);
                for (var r = 0; r < usedRows; r++)
                {
                    ref var rowCalls = ref Unsafe.Add(ref call, first + r * columns);
                    var length = r == lastIndex ? lastRow : columns;
                    if (((openRows >> r) & 1) != 0) Copy(ref rowCalls, ref patternStart, length);
                    else Clear(ref rowCalls, length);
                }

                foreach (var i in Bits(positive)) estimates[i] = cts[pool + i] - shifts[t + i];
                var masterPositive = m == 1 && (positive & 1) != 0;
                var positiveRows = positive >> m;
                var positiveColumns = positive >> (m + usedRows);
                var arrayFirst = k;
                foreach (var r in Bits(openRows))
                {
                    rowStart[r] = k;
                    var rowFirst = first + r * columns;
                    var rowPositive = ((positiveRows >> r) & 1) != 0;
                    foreach (var c in Bits(r == lastIndex ? lastColumns : openColumns))
                    {
                        var s = rowFirst + c;
                        positions[s] = k;
                        into.CandidateBuffer[k] = s;
                        into.CandidateCallBuffer[k] = SampleCall.PossiblePositive;
                        ref var tally = ref into.TallyBuffer[k];
                        tally = new PoolDecoding.Tally { Min = float.MaxValue, Max = float.MinValue };
                        // The candidate's positive pools in pool order: master, row, column.
                        if (masterPositive) Gather(ref tally, 0, cts[pool], estimates, near);
                        if (rowPositive) Gather(ref tally, m + r, cts[pool + m + r], estimates, near);
                        if (((positiveColumns >> c) & 1) != 0) Gather(ref tally, m + usedRows + c, cts[pool + m + usedRows + c], estimates, near);
                        into.CoverageBuffer[k] = 0;
                        into.OpenHeadBuffer[k] = -1;
                        k++;
                    }
                }

                // DD, pool by pool in pool order: a positive pool's candidates found from the masks. A row's (and the
                // master pool's) are consecutive positions; a column's are one per open row reaching it, at the same
                // offset in each.
                foreach (var i in Bits(positive))
                {
                    var p = pool + i;
                    int candidates;
                    if (i < m) candidates = Explain(into, ref call, p, arrayFirst, arrayCandidates);
                    else if (i < m + usedRows)
                    {
                        var r = i - m;
                        candidates = ((openRows >> r) & 1) == 0 ? 0
                            : Explain(into, ref call, p, rowStart[r], BitOperations.PopCount(r == lastIndex ? lastColumns : openColumns));
                    }
                    else
                    {
                        var c = i - m - usedRows;
                        var reaching = openRows & (c < lastRow ? rowBits : Low(lastIndex));
                        candidates = ExplainColumn(into, ref call, p, reaching, rowStart, BitOperations.PopCount(openColumns & Low(c)));
                    }
                    if (candidates == 0) Add(ref into.UnexplainedBuffer, ref into.UnexplainedCount, p);
                    var explained = candidates switch { 0 => PoolDecoding.PoolNoCandidate, 1 => PoolDecoding.PoolExplained, _ => PoolDecoding.PoolOpen };
                    state[p] = (byte)((state[p] & PoolDecoding.PoolNearCutoff) | explained);
                }
                first += cells;
                pool += pools;
            }
            batchFirst = first;
            batchPool = pool;
        }

        into.CandidateCount = k;
        Grow(ref into.EstimateBuffer, k);
        Grow(ref into.SpreadBuffer, k);
        Grow(ref into.FlagBuffer, k);
        Grow(ref into.ScompBuffer, k);
        Grow(ref into.OrderBuffer, k);
        into.ScompBuffer.AsSpan(0, k).Clear();
        return true;
    }

    /// <summary>Whether <see cref="DecodeArrays"/> decodes the design: arrays of single swabs, at most 64 pools per array.</summary>
    internal static bool ArrayPathFits(PoolDesign design) =>
        design.ArrayShape is { } shape && !design.HasPooledTubes
        && (design.Kind == DesignKind.ArrayWithMaster ? 1 : 0) + shape.Rows + shape.Columns <= 64;

    /// <summary>A positive pool's candidates at consecutive positions: the only one is a definite positive, several are linked to the open pool.</summary>
    private static int Explain(PoolDecoding into, ref byte call, int pool, int first, int candidates)
    {
        if (candidates == 1) MarkDefinite(into, ref call, first);
        else if (candidates > 1)
        {
            into.OpenPoolCount++;
            for (var position = first; position < first + candidates; position++) Link(into, pool, position);
        }
        return candidates;
    }

    /// <summary>A positive column's candidates: in each row of <paramref name="reaching"/>, the one at <paramref name="offset"/>.</summary>
    private static int ExplainColumn(PoolDecoding into, ref byte call, int pool, ulong reaching, Span<int> rowStart, int offset)
    {
        var candidates = BitOperations.PopCount(reaching);
        if (candidates == 1) MarkDefinite(into, ref call, rowStart[BitOperations.TrailingZeroCount(reaching)] + offset);
        else if (candidates > 1)
        {
            into.OpenPoolCount++;
            foreach (var r in Bits(reaching)) Link(into, pool, rowStart[r] + offset);
        }
        return candidates;
    }

    /// <summary>One of the candidate's positive pools, as the general pass gathers it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(ref PoolDecoding.Tally tally, int slot, float ct, Span<float> estimates, ulong near)
    {
        tally.PositivePools++;
        if (((near >> slot) & 1) != 0) tally.Flags |= SampleFlags.NearCutoff;
        if (float.IsNaN(ct)) return;
        var estimate = estimates[slot];
        tally.Sum += estimate;
        tally.Estimates++;
        if (estimate < tally.Min) tally.Min = estimate;
        if (estimate > tally.Max) tally.Max = estimate;
    }

    private static void MarkDefinite(PoolDecoding into, ref byte call, int position)
    {
        if (into.CandidateCallBuffer[position] == SampleCall.DefinitePositive) return;
        into.CandidateCallBuffer[position] = SampleCall.DefinitePositive;
        Unsafe.Add(ref call, into.CandidateBuffer[position]) = (byte)SampleCall.DefinitePositive;
        into.DefiniteTotal++;
    }

    /// <summary>The candidate could explain the open pool: linked to it, its coverage counted.</summary>
    private static void Link(PoolDecoding into, int pool, int position)
    {
        if (into.OpenLinkCount == into.OpenLinkBuffer.Length) Array.Resize(ref into.OpenLinkBuffer, into.OpenLinkCount * 2);
        into.OpenLinkBuffer[into.OpenLinkCount] = (pool, into.OpenHeadBuffer[position]);
        into.OpenHeadBuffer[position] = into.OpenLinkCount++;
        into.CoverageBuffer[position]++;
    }

    /// <summary>How many candidates the per-candidate buffers the array pass fills as it goes can hold.</summary>
    private static int CandidateCapacity(PoolDecoding into) =>
        Math.Min(Math.Min(into.CandidateBuffer.Length, into.CandidateCallBuffer.Length),
            Math.Min(into.TallyBuffer.Length, Math.Min(into.CoverageBuffer.Length, into.OpenHeadBuffer.Length)));

    /// <summary>Those buffers grown (their contents kept) to hold at least <paramref name="needed"/> candidates.</summary>
    private static int GrowCandidates(PoolDecoding into, int needed)
    {
        var size = Math.Max(needed, into.CandidateBuffer.Length * 2);
        Keep(ref into.CandidateBuffer, size);
        Keep(ref into.CandidateCallBuffer, size);
        Keep(ref into.TallyBuffer, size);
        Keep(ref into.CoverageBuffer, size);
        Keep(ref into.OpenHeadBuffer, size);
        return CandidateCapacity(into);

        static void Keep<T>(ref T[] buffer, int size)
        {
            if (buffer.Length < size) Array.Resize(ref buffer, size);
        }
    }

    /// <summary>The largest float ≤ <paramref name="value"/>.</summary>
    private static float FloatBelow(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    /// <summary>The smallest float ≥ <paramref name="value"/>.</summary>
    private static float FloatAbove(double value)
    {
        var f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }

    /// <summary>The low <paramref name="n"/> bits (0 ≤ n ≤ 64).</summary>
    private static ulong Low(int n) => n >= 64 ? ulong.MaxValue : (1ul << n) - 1;

    /// <summary>The set bits of a mask, lowest first.</summary>
    private static BitEnumerator Bits(ulong mask) => new(mask);

    private ref struct BitEnumerator(ulong mask)
    {
        private ulong _rest = mask;

        public int Current { get; private set; }

        public readonly BitEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest == 0) return false;
            Current = BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }
    }

    /// <summary>Byte i is bit i of the index: a byte of a column mask spread into eight calls (1 = possible positive).</summary>
    private static readonly ulong[] SpreadBits = MakeSpreadBits();

    private static ulong[] MakeSpreadBits()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
            for (var i = 0; i < 8; i++)
                if (((b >> i) & 1) != 0) table[b] |= 1ul << (8 * i);
        return table;
    }

    /// <summary>Copy <paramref name="count"/> bytes: overlapping word loads and stores for the short rows arrays are made of.</summary>
    private static void Copy(ref byte to, ref byte from, int count)
    {
        if (count >= 16) Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)count);
        else if (count >= 8)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, count - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, count - 8)));
        }
        else if (count >= 4)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<uint>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, count - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, count - 4)));
        }
        else if (count >= 2)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ushort>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, count - 2), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref from, count - 2)));
        }
        else if (count == 1) to = from;
    }

    /// <summary>How many positive pools ahead the members and states are prefetched (the samples' lines half as far).</summary>
    private const int Ahead = 8;

    /// <summary>
    /// A hint to bring a cache line in (a no-op without SSE). Unlike a plain load it never holds up the instructions
    /// behind it: decoding 10 M samples waits on memory, not on arithmetic, and with these hints the positive pools'
    /// misses overlap (measured: 27 → 16 ms for 8 × 12 arrays of 10 M samples).
    /// </summary>
    private static unsafe void Prefetch<T>(ref readonly T value)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in value)));
    }

    /// <summary>
    /// An open pool holding a definite positive is explained by it (found through the definite positives' links, in
    /// index order). The other candidates' coverage counts stay upper bounds, which SCOMP refines as it goes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResolveOpenPools(PoolDecoding into)
    {
        if (into.OpenPoolCount == 0) return;
        var state = into.PoolState;
        var links = into.OpenLinkBuffer;
        for (var i = 0; i < into.CandidateCount; i++)
        {
            if (into.CandidateCallBuffer[i] != SampleCall.DefinitePositive) continue;
            for (var link = into.OpenHeadBuffer[i]; link >= 0; link = links[link].Next)
            {
                var p = links[link].Pool;
                state[p] = (byte)((state[p] & PoolDecoding.PoolNearCutoff) | PoolDecoding.PoolExplained);
            }
        }
    }

    /// <summary>Per candidate: the mean of its Ct estimates, their spread, its flags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FinishCandidates(PoolDecoding into, double maxSpread)
    {
        for (var i = 0; i < into.CandidateCount; i++)
        {
            ref readonly var tally = ref into.TallyBuffer[i];
            var flags = tally.Flags;
            if (tally.Estimates == 0)
            {
                into.EstimateBuffer[i] = float.NaN;
                into.SpreadBuffer[i] = float.NaN;
            }
            else
            {
                var spread = tally.Max - tally.Min;
                into.EstimateBuffer[i] = tally.Sum / tally.Estimates;
                into.SpreadBuffer[i] = spread;
                if (tally.Estimates > 1 && spread > maxSpread) flags |= SampleFlags.CtSpread;
            }
            into.FlagBuffer[i] = flags;
        }
    }

    /// <summary>The possible positives' positions sorted most likely first: lowest estimated Ct (none last), then sample index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Order(PoolDecoding into)
    {
        var order = into.OrderBuffer;
        var count = 0;
        for (var i = 0; i < into.CandidateCount; i++)
            if (into.CandidateCallBuffer[i] == SampleCall.PossiblePositive)
                order[count++] = ((ulong)SortableKey(into.EstimateBuffer[i]) << 32) | (uint)i;
        into.RetestCount = count;
        Grow(ref into.ScratchBuffer, count);
        RadixSort(order.AsSpan(0, count), into.ScratchBuffer.AsSpan(0, count), 32);
    }

    /// <summary>
    /// Sorts entries by their bits from <paramref name="lowestBit"/> up, keeping the order of entries equal there: a
    /// least-significant-digit radix sort, a byte at a time, skipping the bytes all entries share. With
    /// (key &lt;&lt; 32 | position) entries made in position order and a lowest bit of 32, ties stay in position order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(Span<ulong> entries, Span<ulong> scratch, int lowestBit)
    {
        if (entries.Length < 2) return;
        Span<int> counts = stackalloc int[256];
        var from = entries;
        var to = scratch;
        for (var shift = lowestBit; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (var entry in from) counts[(int)(entry >> shift) & 0xFF]++;
            if (counts[(int)(from[0] >> shift) & 0xFF] == from.Length) continue;
            var total = 0;
            for (var d = 0; d < 256; d++) (counts[d], total) = (total, total + counts[d]);
            foreach (var entry in from) to[counts[(int)(entry >> shift) & 0xFF]++] = entry;
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != entries) from.CopyTo(entries);
    }

    /// <summary>
    /// SCOMP's greedy cover, level by level: with coverage counts that only fall, the first candidate in likelihood
    /// order whose current coverage equals the highest level left is exactly the greedy choice. Reads only the dense
    /// per-candidate lists and the pool states.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scomp(PoolDecoding into)
    {
        var state = into.PoolState;
        var order = into.OrderBuffer.AsSpan(0, into.RetestCount);
        var coverage = into.CoverageBuffer.AsSpan(0, into.CandidateCount);
        var links = into.OpenLinkBuffer;
        var top = 0;
        foreach (var key in order) top = Math.Max(top, coverage[(int)(uint)key]);
        for (var level = top; level >= 1; level--)
        {
            foreach (var key in order)
            {
                var i = (int)(uint)key;
                if (coverage[i] < level) continue;
                var open = 0;
                for (var link = into.OpenHeadBuffer[i]; link >= 0; link = links[link].Next)
                    if ((state[links[link].Pool] & PoolDecoding.PoolOpen) != 0) open++;
                coverage[i] = open;
                if (open < level) continue;
                into.ScompBuffer[i] = true;
                coverage[i] = 0;
                for (var link = into.OpenHeadBuffer[i]; link >= 0; link = links[link].Next)
                {
                    var p = links[link].Pool;
                    if ((state[p] & PoolDecoding.PoolOpen) != 0) state[p] = (byte)((state[p] & PoolDecoding.PoolNearCutoff) | PoolDecoding.PoolExplained);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Retests(PoolDecoding into)
    {
        Grow(ref into.RetestBuffer, into.RetestCount);
        var order = into.OrderBuffer.AsSpan(0, into.RetestCount);
        for (var k = 0; k < order.Length; k++) into.RetestBuffer[k] = into.CandidateBuffer[(int)(uint)order[k]];
    }

    /// <summary>
    /// Untested pools holding a candidate, once every pool of an earlier stage of their samples has a result, by the
    /// estimated Ct of their most likely candidate, then pool index. A candidate has untested pools exactly when it is
    /// in more pools than positive ones (it is in no negative pool); only those are looked at, in index order, and
    /// each untested pool is judged once (marked while this runs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NextPools(PoolResults results, PoolDecoding into)
    {
        var design = results.Design;
        var outcomes = results.Outcomes;
        var state = into.PoolState;
        into.NextPoolCount = 0;
        into.JudgedCount = 0;
        if (results.TestedCount == design.PoolCount) return;
        var candidates = into.Candidates;
        for (var i = 0; i < candidates.Length; i++)
        {
            var pools = design.PoolsOf(candidates[i]);
            if (pools.Length == into.TallyBuffer[i].PositivePools) continue;
            foreach (var p in pools)
            {
                if (outcomes[p] != PoolOutcome.NotTested || state[p] == PoolDecoding.PoolJudged) continue;
                var samples = design.SamplesOf(p);
                if (samples.Length > 1)
                {
                    // Another candidate of the pool may come to it again.
                    state[p] = PoolDecoding.PoolJudged;
                    Add(ref into.JudgedBuffer, ref into.JudgedCount, p);
                }
                if (!EarlierStagesTested(design, outcomes, p)) continue;
                var key = SortableKey(into.EstimateBuffer[i]);
                if (samples.Length > 1)
                    foreach (var m in samples)
                        if (into.CallBuffer[m] != SampleCall.Negative) key = Math.Min(key, SortableKey(into.EstimateBuffer[into.PositionBuffer[m]]));
                if (into.NextPoolCount == into.NextOrderBuffer.Length) Array.Resize(ref into.NextOrderBuffer, into.NextPoolCount * 2);
                into.NextOrderBuffer[into.NextPoolCount++] = ((ulong)key << 32) | (uint)p;
            }
        }
        foreach (var p in into.JudgedBuffer.AsSpan(0, into.JudgedCount)) state[p] = 0;

        var order = into.NextOrderBuffer.AsSpan(0, into.NextPoolCount);
        Grow(ref into.ScratchBuffer, order.Length);
        RadixSort(order, into.ScratchBuffer.AsSpan(0, order.Length), 0);
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

using System.Globalization;
using Lims.Domain.Common;

namespace Lims.Domain.Pools.Designs;

/// <summary>The designs Lims makes. Sample ids are as given; pool ids are made from the structure.</summary>
public sealed partial class PoolDesign
{
    /// <summary>
    /// Two-stage Dorfman: consecutive samples in pools of <paramref name="poolSize"/> (the last one smaller when the
    /// count does not divide), tested in stage 1; stage 2 tests each member of a pool alone. Pools are P1, P2, …;
    /// the individual test of sample S in P3 is P3:S, indexed right after P3 (P1, P1:S1 … P1:S10, P2, …). A pool that
    /// ends up with one sample is already individual.
    /// </summary>
    public static PoolDesign Dorfman(SampleSet samples, int poolSize, int dilutionCap = DefaultDilutionCap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckPoolSize("Dorfman pools", poolSize, dilutionCap);
        return Hierarchical(DesignKind.Dorfman, samples, [poolSize], dilutionCap);
    }

    /// <summary>
    /// Three-stage hierarchical (e.g. 25 → 5 × 5 → 1): pools of <paramref name="poolSize"/> in stage 1, each split
    /// into sub-pools of <paramref name="subPoolSize"/> for stage 2, each member of a positive sub-pool alone in stage
    /// 3. Pools are P1, its sub-pools P1.1 … P1.5, the individual test of sample S in P1.2 is P1.2:S.
    /// </summary>
    public static PoolDesign ThreeStage(SampleSet samples, int poolSize, int subPoolSize, int dilutionCap = DefaultDilutionCap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckPoolSize("Three-stage pools", poolSize, dilutionCap);
        CheckPoolSize("Three-stage sub-pools", subPoolSize, dilutionCap);
        if (subPoolSize >= poolSize)
            throw new DomainException("invalid-stages", $"Three-stage sub-pools ({subPoolSize}) must be smaller than their pools ({poolSize}).");
        return Hierarchical(DesignKind.ThreeStage, samples, [poolSize, subPoolSize], dilutionCap);
    }

    /// <summary>
    /// Arrays of <paramref name="rows"/> × <paramref name="columns"/> samples filled row by row (an 8 × 12 plate: A1,
    /// A2, …), each row and each column a pool, tested together. With <paramref name="master"/>, a master pool of the
    /// whole array is tested first (stage 1) and its rows and columns only when it is positive (stage 2). The last
    /// array may be partial; empty rows and columns are left out. Pools of array 3 are A3-M, A3-R1 … A3-R8, A3-C1 …
    /// A3-C12. Individual retests are the decoder's possible positives.
    /// </summary>
    public static PoolDesign Arrays(SampleSet samples, int rows, int columns, bool master = false, int dilutionCap = DefaultDilutionCap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckPoolSize("Array columns (the size of a row pool)", columns, dilutionCap);
        CheckPoolSize("Array rows (the size of a column pool)", rows, dilutionCap);
        var cells = rows * columns;
        if (master && cells > dilutionCap)
            throw new DomainException("dilution-cap-exceeded",
                $"The master pool of a {rows} × {columns} array holds {cells} swabs; the dilution cap is {dilutionCap} swabs per reaction.");

        var n = samples.Count;
        var full = n / cells;
        var rest = n % cells;
        var perArray = (master ? 1 : 0) + rows + columns;
        var lastRows = (rest + columns - 1) / columns;
        var lastColumns = Math.Min(rest, columns);
        var lastPools = rest == 0 ? 0 : (master ? 1 : 0) + lastRows + lastColumns;
        var poolCount = full * perArray + lastPools;
        var builder = new DesignBuilder(poolCount, n * (master ? 3 : 2));
        var rowStage = master ? 2 : 1;
        for (var a = 0; a <= full; a++)
        {
            var first = a * cells;
            var count = Math.Min(cells, n - first);
            if (count <= 0) break;
            if (master) builder.AddRange(first, count, 1);
            var usedRows = (count + columns - 1) / columns;
            for (var r = 0; r < usedRows; r++) builder.AddRange(first + r * columns, Math.Min(columns, count - r * columns), rowStage);
            for (var c = 0; c < Math.Min(count, columns); c++) builder.AddStrided(first + c, columns, (count - c + columns - 1) / columns, rowStage);
        }

        var arrays = full + (rest == 0 ? 0 : 1);
        var width = arrays.ToString(CultureInfo.InvariantCulture).Length;
        string Name(int pool)
        {
            int a, local, arrayRows;
            if (pool < full * perArray) (a, local, arrayRows) = (pool / perArray, pool % perArray, rows);
            else (a, local, arrayRows) = (full, pool - full * perArray, lastRows);
            var prefix = "A" + (a + 1).ToString("D" + width, CultureInfo.InvariantCulture);
            if (master)
            {
                if (local == 0) return prefix + "-M";
                local--;
            }
            return local < arrayRows
                ? prefix + "-R" + (local + 1).ToString(CultureInfo.InvariantCulture)
                : prefix + "-C" + (local - arrayRows + 1).ToString(CultureInfo.InvariantCulture);
        }
        var (start, members, stage) = builder.Build();
        return new PoolDesign(master ? DesignKind.ArrayWithMaster : DesignKind.Array, IdList.Named(poolCount, Name), samples.Ids, start, members, stage, samples.Swabs, dilutionCap)
        {
            ArrayShape = (rows, columns),
        };
    }

    /// <summary>
    /// Non-adaptive, on the dual of a Steiner triple system STS(<paramref name="order"/>): each sample is a triple and
    /// each point a pool (P1 … Pv), so every sample is in w = 3 pools, two samples share at most λ = 1 pool, and a pool
    /// holds up to (v−1)/2 samples. Up to v(v−1)/6 samples take the first triples; points no sample uses are left out.
    /// Any two positives are then found exactly (the design is 2-disjunct).
    /// </summary>
    public static PoolDesign SteinerTriples(SampleSet samples, int order, int dilutionCap = DefaultDilutionCap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var triples = SteinerTripleSystem.Triples(order);
        if (samples.Count > triples.Length)
            throw new DomainException("too-many-samples", $"STS({order}) has {triples.Length} triples: it takes at most {triples.Length} samples, not {samples.Count}.");
        var pointSamples = new List<int>[order];
        for (var p = 0; p < order; p++) pointSamples[p] = [];
        for (var s = 0; s < samples.Count; s++)
            foreach (var point in triples[s]) pointSamples[point].Add(s);
        return FromPoolLists(DesignKind.SteinerTriple, samples, pointSamples, p => "P" + (p + 1).ToString(CultureInfo.InvariantCulture), dilutionCap);
    }

    /// <summary>
    /// Non-adaptive, Reed–Solomon / P-BEST style: sample i is the polynomial over GF(<paramref name="q"/>) (q prime)
    /// of degree ≤ <paramref name="degree"/> whose coefficients are the base-q digits of i; pool E{x}={y} holds the
    /// samples whose polynomial is y at x, for the evaluation points x = 0 … <paramref name="weight"/>−1. Every sample
    /// is in w = <paramref name="weight"/> pools, and two samples share at most λ = degree pools (two distinct
    /// polynomials of degree ≤ d agree at d points at most). Up to q^(degree+1) samples; unused pools are left out.
    /// </summary>
    public static PoolDesign ReedSolomon(SampleSet samples, int q, int degree, int weight, int dilutionCap = DefaultDilutionCap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (q < 2 || !IsPrime(q))
            throw new DomainException("invalid-field", $"Reed–Solomon designs are made over GF(q) for a prime q (2, 3, 5, 7, 11, 13, …); {q} is not prime.");
        if (degree < 1)
            throw new DomainException("pool-size-too-small", $"A Reed–Solomon design needs polynomials of degree ≥ 1 (degree 0 tests every sample alone); {degree} is not.");
        if (weight <= degree || weight > q)
            throw new DomainException("invalid-weight",
                $"Each sample is in w pools with degree < w ≤ q (two samples share up to {degree} pools, and GF({q}) has {q} points); {weight} is not.");
        var capacity = Math.Pow(q, degree + 1);
        if (samples.Count > capacity)
            throw new DomainException("too-many-samples", $"GF({q}) has {capacity:0} polynomials of degree ≤ {degree}: at most that many samples, not {samples.Count}.");

        var pools = new List<int>[weight * q];
        for (var p = 0; p < pools.Length; p++) pools[p] = [];
        var coefficients = new int[degree + 1];
        for (var s = 0; s < samples.Count; s++)
        {
            var rest = s;
            for (var k = 0; k <= degree; k++) { coefficients[k] = rest % q; rest /= q; }
            for (var x = 0; x < weight; x++)
            {
                var y = 0;
                for (var k = degree; k >= 0; k--) y = (y * x + coefficients[k]) % q;
                pools[x * q + y].Add(s);
            }
        }
        return FromPoolLists(DesignKind.ReedSolomon, samples, pools,
            p => "E" + (p / q).ToString(CultureInfo.InvariantCulture) + "=" + (p % q).ToString(CultureInfo.InvariantCulture), dilutionCap);
    }

    private static PoolDesign Hierarchical(DesignKind kind, SampleSet samples, int[] sizes, int dilutionCap)
    {
        var n = samples.Count;
        var builder = new DesignBuilder(n / sizes[0] + 1 + n + (sizes.Length > 1 ? n / sizes[1] + n / sizes[0] + 1 : 0), n * (sizes.Length + 1));
        var parent = new List<int>();
        var number = new List<int>();

        // Depth first (P1, P1:S1 … P1:S10, P2, …): a pool's follow-up tests sit next to it in memory, so decoding a
        // positive pool's individual results touches the same cache lines as the pool's own.
        void Emit(int first, int count, int level, int parentPool, int index)
        {
            var pool = builder.AddRange(first, count, level + 1);
            parent.Add(parentPool);
            number.Add(index);
            if (count == 1) return;
            var size = level + 1 < sizes.Length && sizes[level + 1] < count ? sizes[level + 1] : 1;
            for (int f = first, i = 1; f < first + count; f += size, i++) Emit(f, Math.Min(size, first + count - f), level + 1, pool, i);
        }
        var topLevel = 0;
        for (var first = 0; first < n; first += sizes[0]) Emit(first, Math.Min(sizes[0], n - first), 0, -1, ++topLevel);

        var (start, members, stage) = builder.Build();
        var parents = parent.ToArray();
        var numbers = number.ToArray();
        var width = "D" + topLevel.ToString(CultureInfo.InvariantCulture).Length.ToString(CultureInfo.InvariantCulture);
        var sampleIds = samples.Ids;
        string Name(int pool) => parents[pool] < 0
            ? "P" + numbers[pool].ToString(width, CultureInfo.InvariantCulture)
            : start[pool + 1] - start[pool] == 1
                ? Name(parents[pool]) + ":" + sampleIds[members[start[pool]]]
                : Name(parents[pool]) + "." + numbers[pool].ToString(CultureInfo.InvariantCulture);
        return new PoolDesign(kind, IdList.Named(parents.Length, Name), sampleIds, start, members, stage, samples.Swabs, dilutionCap);
    }

    private static PoolDesign FromPoolLists(DesignKind kind, SampleSet samples, List<int>[] pools, Func<int, string> name, int dilutionCap)
    {
        var used = Enumerable.Range(0, pools.Length).Where(p => pools[p].Count > 0).ToArray();
        var builder = new DesignBuilder(used.Length, used.Sum(p => pools[p].Count));
        foreach (var p in used) builder.Add(pools[p], 1);
        var (start, members, stage) = builder.Build();
        return new PoolDesign(kind, IdList.Of(used.Select(name), "pool"), samples.Ids, start, members, stage, samples.Swabs, dilutionCap);
    }

    private static void CheckPoolSize(string what, int size, int dilutionCap)
    {
        if (size < 2) throw new DomainException("pool-size-too-small", $"{what} hold at least 2 samples; {size} is too few.");
        if (size > dilutionCap)
            throw new DomainException("dilution-cap-exceeded", $"{what} of {size} exceed the dilution cap of {dilutionCap} swabs per reaction.");
    }

    private static bool IsPrime(int q)
    {
        for (var d = 2; d * d <= q; d++)
            if (q % d == 0) return false;
        return true;
    }

    /// <summary>Pools appended one by one into compressed sparse rows.</summary>
    private sealed class DesignBuilder(int pools, int memberships)
    {
        private int[] _start = new int[pools + 1];
        private int[] _members = new int[memberships];
        private byte[] _stage = new byte[pools];
        private int _pools;
        private int _count;

        public int AddRange(int first, int count, int stage)
        {
            Ensure(count);
            for (var i = 0; i < count; i++) _members[_count++] = first + i;
            return Close(stage);
        }

        public int AddStrided(int first, int stride, int count, int stage)
        {
            Ensure(count);
            for (var i = 0; i < count; i++) _members[_count++] = first + i * stride;
            return Close(stage);
        }

        public int Add(List<int> samples, int stage)
        {
            Ensure(samples.Count);
            foreach (var s in samples) _members[_count++] = s;
            return Close(stage);
        }

        public (int[] Start, int[] Members, byte[] Stage) Build() =>
            (_start[..(_pools + 1)], _members.Length == _count ? _members : _members[.._count], _stage.Length == _pools ? _stage : _stage[.._pools]);

        private void Ensure(int count)
        {
            if (_count + count > _members.Length) Array.Resize(ref _members, Math.Max(_members.Length * 2, _count + count));
            if (_pools + 2 > _start.Length)
            {
                Array.Resize(ref _start, _start.Length * 2);
                Array.Resize(ref _stage, _stage.Length * 2);
            }
        }

        private int Close(int stage)
        {
            _stage[_pools] = (byte)stage;
            _start[++_pools] = _count;
            return _pools - 1;
        }
    }
}

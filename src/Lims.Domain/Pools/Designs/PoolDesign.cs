using Lims.Domain.Common;

namespace Lims.Domain.Pools.Designs;

/// <summary>How a design was made.</summary>
public enum DesignKind
{
    /// <summary>Supplied as a pool × sample membership list.</summary>
    Membership,
    /// <summary>Two-stage Dorfman: pools of k, then each member of a positive pool alone.</summary>
    Dorfman,
    /// <summary>Three-stage hierarchical: a pool, its sub-pools, then each member of a positive sub-pool alone.</summary>
    ThreeStage,
    /// <summary>Rows and columns of an r × c array, tested together.</summary>
    Array,
    /// <summary>A master pool of the whole array first, then its rows and columns when it is positive.</summary>
    ArrayWithMaster,
    /// <summary>Non-adaptive: samples are the triples of a Steiner triple system, pools its points (w = 3, λ = 1).</summary>
    SteinerTriple,
    /// <summary>Non-adaptive: samples are polynomials over GF(q), pools (evaluation point, value) pairs (λ = degree).</summary>
    ReedSolomon,
}

/// <summary>
/// Which samples go into which pool, kept twice as compressed sparse rows: the samples of each pool and the pools
/// of each sample, both ascending. Pools carry the stage in which they are tested (1 for a non-adaptive design;
/// Dorfman's individual tests are stage 2). Checked once at creation: every pool holds a sample and no sample
/// twice, every sample is in a pool, no pool holds more swabs than the dilution cap, and a pooled collection tube
/// (more than one swab) is only ever tested alone.
/// </summary>
public sealed partial class PoolDesign
{
    /// <summary>The most swabs behind one PCR reaction, unless a lab says otherwise.</summary>
    public const int DefaultDilutionCap = 20;

    private readonly int[] _poolStart;
    private readonly int[] _poolSamples;
    private readonly int[] _sampleStart;
    private readonly int[] _samplePools;
    private readonly byte[] _stage;
    private readonly int[] _poolSwabs;
    private readonly int[]? _sampleSwabs;

    internal PoolDesign(DesignKind kind, IdList poolIds, IdList sampleIds, int[] poolStart, int[] poolSamples, byte[]? stage, int[]? sampleSwabs, int dilutionCap)
    {
        if (dilutionCap < 1) throw new DomainException("invalid-dilution-cap", $"The dilution cap is at least one swab; {dilutionCap} is not.");
        if (sampleIds.Count == 0) throw new DomainException("empty-design", "A design needs at least one sample.");
        if (poolIds.Count == 0)
            throw new DomainException("sample-in-no-pool", $"Sample '{sampleIds[0]}' is in no pool: every sample must be tested in at least one pool.");
        if (poolStart.Length != poolIds.Count + 1) throw new ArgumentException("One start per pool and one past the end.", nameof(poolStart));

        Kind = kind;
        PoolIds = poolIds;
        SampleIds = sampleIds;
        DilutionCap = dilutionCap;
        _poolStart = poolStart;
        _poolSamples = poolSamples;
        _stage = stage ?? new byte[poolIds.Count];
        if (stage is null) _stage.AsSpan().Fill(1);
        _sampleSwabs = sampleSwabs;
        _poolSwabs = new int[poolIds.Count];

        // One pass over the memberships: duplicates (a sample met twice in the pool being read), pools per sample,
        // swabs per pool.
        var samples = sampleIds.Count;
        var lastPool = new int[samples];
        lastPool.AsSpan().Fill(-1);
        var degree = new int[samples + 1];
        for (var p = 0; p < poolIds.Count; p++)
        {
            var members = SamplesOf(p);
            if (members.IsEmpty) throw new DomainException("empty-pool", $"Pool '{poolIds[p]}' holds no sample.");
            long swabs = 0;
            var pooledTube = -1;
            foreach (var s in members)
            {
                if ((uint)s >= (uint)samples) throw new ArgumentException($"Pool {p} names sample index {s}, outside the design.", nameof(poolSamples));
                if (lastPool[s] == p)
                    throw new DomainException("duplicate-membership", $"Sample '{sampleIds[s]}' is in pool '{poolIds[p]}' twice.");
                lastPool[s] = p;
                degree[s + 1]++;
                var sampleSwabCount = SwabsOf(s);
                swabs += sampleSwabCount;
                if (sampleSwabCount > 1) pooledTube = s;
            }
            if (pooledTube >= 0 && members.Length > 1)
                throw new DomainException("pooled-tube-pooled-again",
                    $"Sample '{sampleIds[pooledTube]}' is a pooled collection tube of {SwabsOf(pooledTube)} swabs and is never pooled again, but pool '{poolIds[p]}' holds it with {members.Length - 1} other samples.");
            if (swabs > dilutionCap)
                throw new DomainException("dilution-cap-exceeded",
                    $"Pool '{poolIds[p]}' holds {swabs} swabs; the dilution cap is {dilutionCap} swabs per reaction.");
            _poolSwabs[p] = (int)swabs;
            if (_stage[p] > StageCount) StageCount = _stage[p];
        }

        for (var s = 0; s < samples; s++)
        {
            if (degree[s + 1] == 0)
                throw new DomainException("sample-in-no-pool", $"Sample '{sampleIds[s]}' is in no pool: every sample must be tested in at least one pool.");
            degree[s + 1] += degree[s];
        }
        _sampleStart = degree;
        _samplePools = new int[poolSamples.Length];
        var next = lastPool; // reused as the write position of each sample
        Array.Copy(_sampleStart, next, samples);
        for (var p = 0; p < poolIds.Count; p++)
            foreach (var s in SamplesOf(p)) _samplePools[next[s]++] = p;

        _log2 = new double[_poolSwabs.Max() + 1];
        for (var n = 1; n < _log2.Length; n++) _log2[n] = Math.Log2(n);
    }

    private readonly double[] _log2;

    public DesignKind Kind { get; }

    public IdList PoolIds { get; }

    public IdList SampleIds { get; }

    public int DilutionCap { get; }

    public int PoolCount => PoolIds.Count;

    public int SampleCount => SampleIds.Count;

    public int MembershipCount => _poolSamples.Length;

    /// <summary>1 for a non-adaptive design; 2 for Dorfman; 3 for three-stage.</summary>
    public int StageCount { get; }

    public bool IsAdaptive => StageCount > 1;

    /// <summary>The samples of a pool, ascending.</summary>
    public ReadOnlySpan<int> SamplesOf(int pool) => _poolSamples.AsSpan(_poolStart[pool], _poolStart[pool + 1] - _poolStart[pool]);

    /// <summary>The pools of a sample, ascending.</summary>
    public ReadOnlySpan<int> PoolsOf(int sample) => _samplePools.AsSpan(_sampleStart[sample], _sampleStart[sample + 1] - _sampleStart[sample]);

    /// <summary>The stage (1-based) in which the pool is tested.</summary>
    public int StageOf(int pool) => _stage[pool];

    /// <summary>Swabs behind the pool's reaction: the dilution of one swab in it.</summary>
    public int SwabsIn(int pool) => _poolSwabs[pool];

    public int SwabsOf(int sample) => _sampleSwabs is null ? 1 : _sampleSwabs[sample];

    /// <summary>Whether any sample holds more than one swab (a pooled collection tube).</summary>
    internal bool HasPooledTubes => _sampleSwabs is not null;

    /// <summary>The dilution shift of a pool, ΔCt ≈ log2 of its swabs: how much later one swab's signal crosses the threshold in it.</summary>
    public double ShiftOf(int pool) => _log2[_poolSwabs[pool]];

    /// <summary>The shift between a sample alone and the sample in a pool: log2 of the pool's swabs over the sample's.</summary>
    public double ShiftOf(int pool, int sample) => _log2[_poolSwabs[pool]] - _log2[SwabsOf(sample)];

    /// <summary>How many pools two samples share.</summary>
    public int SharedPools(int a, int b)
    {
        ReadOnlySpan<int> x = PoolsOf(a), y = PoolsOf(b);
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { shared++; i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return shared;
    }

    internal ReadOnlySpan<int> PoolStarts => _poolStart;

    internal ReadOnlySpan<int> PoolMembers => _poolSamples;

    internal ReadOnlySpan<byte> Stages => _stage;

    internal ReadOnlySpan<int> PoolSwabs => _poolSwabs;

    /// <summary>
    /// For a design made by <see cref="Arrays"/>: its arrays' rows and columns (pools laid out array by array as
    /// [master,] rows, columns; samples row by row), which lets the decoder work array by array with bit masks.
    /// </summary>
    internal (int Rows, int Columns)? ArrayShape { get; private init; }

    /// <summary>
    /// A design supplied as pool × sample memberships. Samples and pools are indexed in the ordinal order of their
    /// ids, so the same memberships in any order make the same design (and the same decoding, ties included).
    /// Every pool is tested in one stage. A membership given twice is refused. A row with a sample and no pool declares
    /// the sample: it must be in a pool on another row (else it is refused as a sample in no pool).
    /// </summary>
    public static PoolDesign FromMemberships(IEnumerable<(string Pool, string Sample)> memberships, int dilutionCap = DefaultDilutionCap, IReadOnlyDictionary<string, int>? swabs = null)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        var rows = new List<(string Pool, string Sample)>();
        var poolNames = new HashSet<string>(StringComparer.Ordinal);
        var sampleNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pool, sample) in memberships)
        {
            if (string.IsNullOrWhiteSpace(sample)) throw new DomainException("invalid-id", $"A membership of pool '{pool}' names no sample.");
            sampleNames.Add(sample);
            if (string.IsNullOrWhiteSpace(pool)) continue; // the sample is declared; it must be in a pool on another row
            rows.Add((pool, sample));
            poolNames.Add(pool);
        }
        if (sampleNames.Count == 0) throw new DomainException("empty-design", "A design needs at least one membership (pool, sample).");

        var pools = poolNames.Order(StringComparer.Ordinal).ToArray();
        var samples = sampleNames.Order(StringComparer.Ordinal).ToArray();
        var poolIds = IdList.Of(pools, "pool");
        var sampleIds = IdList.Of(samples);
        var pairs = new (int Pool, int Sample)[rows.Count];
        for (var i = 0; i < rows.Count; i++) pairs[i] = (poolIds.IndexOf(rows[i].Pool), sampleIds.IndexOf(rows[i].Sample));
        Array.Sort(pairs);
        var start = new int[pools.Length + 1];
        var members = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            start[pairs[i].Pool + 1]++;
            members[i] = pairs[i].Sample;
        }
        for (var p = 0; p < pools.Length; p++) start[p + 1] += start[p];

        int[]? sampleSwabs = null;
        if (swabs is not null)
        {
            sampleSwabs = new int[samples.Length];
            for (var s = 0; s < samples.Length; s++)
            {
                sampleSwabs[s] = swabs.TryGetValue(samples[s], out var n) ? n : 1;
                if (sampleSwabs[s] < 1)
                    throw new DomainException("invalid-swabs", $"Sample '{samples[s]}' holds {sampleSwabs[s]} swabs; a sample holds at least one.");
            }
        }
        return new PoolDesign(DesignKind.Membership, poolIds, sampleIds, start, members, null, sampleSwabs, dilutionCap);
    }
}

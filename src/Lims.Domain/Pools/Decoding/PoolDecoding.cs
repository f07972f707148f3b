using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Pools.Decoding;

/// <summary>What the pool results say of a sample.</summary>
public enum SampleCall : byte
{
    /// <summary>In a negative pool: negative under every decoder.</summary>
    Negative = 0,
    /// <summary>In no negative pool, but not shown positive: positive for COMP, perhaps for SCOMP, not for DD.</summary>
    PossiblePositive = 1,
    /// <summary>The only candidate of some positive pool: positive under every decoder (DD's positives).</summary>
    DefinitePositive = 2,
}

/// <summary>The classic non-adaptive decoders; their positive sets nest: DD ⊆ SCOMP ⊆ COMP.</summary>
public enum DecodingRule
{
    /// <summary>Every sample in no negative pool is positive: never misses a positive under noise-free results.</summary>
    Comp,
    /// <summary>Definite defectives: only samples that are the sole candidate of a positive pool.</summary>
    DD,
    /// <summary>DD, then greedily the candidate that explains the most still unexplained positive pools.</summary>
    Scomp,
}

[Flags]
public enum SampleFlags : byte
{
    None = 0,
    /// <summary>In a positive pool whose Ct is within its dilution shift of the cut-off: a weak positive.</summary>
    NearCutoff = 1,
    /// <summary>Its individual Ct estimated from its positive pools differs by more than the allowed spread.</summary>
    CtSpread = 2,
}

/// <summary>
/// The decoding of one set of pool results, filled by <see cref="PoolDecoder.Decode(PoolResults, PoolDecoding, DecodeOptions?)"/>.
/// Its buffers are kept and reused by the next decoding of the same design, so decoding run after run allocates
/// nothing once they have grown. Per-sample figures (estimated Ct, spread, flags, SCOMP) exist for candidates only
/// (samples that are not negative).
/// </summary>
public sealed class PoolDecoding
{
    internal const byte PoolOpen = 1;        // positive, two or more candidates, none shown positive yet
    internal const byte PoolExplained = 2;   // positive, with a definite or SCOMP-chosen positive
    internal const byte PoolNoCandidate = 4; // positive, every sample negative: unexplained
    internal const byte PoolNearCutoff = 8;  // Ct within the dilution shift of the cut-off
    internal const byte PoolJudged = 16;     // untested, already judged for the next stage (only while decoding)

    internal readonly SampleCall[] CallBuffer;
    internal readonly byte[] PoolState;
    internal readonly int[] PositionBuffer;  // sample → its candidate position (valid for candidates only)

    // Per candidate position (candidates ascending by sample index): small and dense, so that the per-candidate work
    // touches these rather than the design's sample-sized arrays.
    internal int[] CandidateBuffer = new int[64];
    internal SampleCall[] CandidateCallBuffer = new SampleCall[64];
    internal Tally[] TallyBuffer = new Tally[64];     // gathered from the positive pools, one record per candidate
    internal float[] EstimateBuffer = new float[64];  // the mean of the per-pool estimates
    internal float[] SpreadBuffer = new float[64];
    internal SampleFlags[] FlagBuffer = new SampleFlags[64];
    internal bool[] ScompBuffer = new bool[64];
    internal int[] CoverageBuffer = new int[64];
    internal int[] OpenHeadBuffer = new int[64];      // the candidate's open pools: a list through OpenLinkBuffer
    internal (int Pool, int Next)[] OpenLinkBuffer = new (int, int)[64];
    internal ulong[] OrderBuffer = new ulong[64];     // possible positives: (estimate key << 32) | position, sorted
    internal ulong[] ScratchBuffer = new ulong[64];

    internal PositivePool[] PositivePoolBuffer = new PositivePool[64];
    internal int[] UnexplainedBuffer = new int[16];
    internal int[] RetestBuffer = new int[64];
    internal int[] NextPoolBuffer = new int[16];
    internal ulong[] NextOrderBuffer = new ulong[16];
    internal int[] NearCutoffBuffer = new int[16];
    internal int[] JudgedBuffer = new int[16];
    internal int CandidateCount;
    internal int DefiniteTotal;
    internal int PositivePoolCount;
    internal int OpenPoolCount;
    internal int OpenLinkCount;
    internal int UnexplainedCount;
    internal int RetestCount;
    internal int NextPoolCount;
    internal int NearCutoffCount;
    internal int JudgedCount;

    /// <summary>What a candidate's positive pools say of it, gathered pool by pool.</summary>
    internal struct Tally
    {
        public float Sum;
        public float Min;
        public float Max;
        public int Estimates;
        public int PositivePools;
        public SampleFlags Flags;
    }

    public PoolDecoding(PoolDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        Design = design;
        CallBuffer = new SampleCall[design.SampleCount];
        PoolState = new byte[design.PoolCount];
        PositionBuffer = new int[design.SampleCount];
    }

    public PoolDesign Design { get; }

    /// <summary>The results last decoded into this.</summary>
    public PoolResults? Results { get; internal set; }

    /// <summary>Every sample's call, by sample index.</summary>
    public ReadOnlySpan<SampleCall> Calls => CallBuffer;

    public SampleCall CallOf(int sample) => CallBuffer[sample];

    /// <summary>The samples that are not negative (COMP's positives), ascending.</summary>
    public ReadOnlySpan<int> Candidates => CandidateBuffer.AsSpan(0, CandidateCount);

    public int DefiniteCount => DefiniteTotal;

    public int PossibleCount => CandidateCount - DefiniteTotal;

    public int NegativeCount => Design.SampleCount - CandidateCount;

    /// <summary>Positive pools that no candidate explains (all their samples are negative): the results contradict each other.</summary>
    public ReadOnlySpan<int> UnexplainedPositivePools => UnexplainedBuffer.AsSpan(0, UnexplainedCount);

    /// <summary>The possible positives, most likely first: lowest estimated Ct (strongest signal), then sample index.</summary>
    public ReadOnlySpan<int> Retests => RetestBuffer.AsSpan(0, RetestCount);

    /// <summary>
    /// Untested pools to run next, by their most likely sample's estimated Ct, then in design order: pools whose
    /// samples' earlier stages all have results and that hold a sample still possibly positive (e.g. the individual
    /// tests of a positive Dorfman pool, the sub-pools of a positive three-stage pool).
    /// </summary>
    public ReadOnlySpan<int> NextPools => NextPoolBuffer.AsSpan(0, NextPoolCount);

    /// <summary>
    /// Tested pools whose Ct lies within their dilution shift (log2 of their swabs) of the cut-off, ascending: a weak
    /// positive, or a negative whose Ct would have been positive undiluted (dilution may hide a positive there).
    /// </summary>
    public ReadOnlySpan<int> NearCutoffPools => NearCutoffBuffer.AsSpan(0, NearCutoffCount);

    public bool IsNearCutoff(int pool) => (PoolState[pool] & PoolNearCutoff) != 0 && Results?.OutcomeOf(pool) is PoolOutcome.Positive or PoolOutcome.Negative;

    public bool IsPositive(int sample, DecodingRule rule) => CallBuffer[sample] switch
    {
        SampleCall.Negative => false,
        SampleCall.DefinitePositive => true,
        SampleCall.PossiblePositive => rule switch
        {
            DecodingRule.Comp => true,
            DecodingRule.DD => false,
            DecodingRule.Scomp => ScompBuffer[Position(sample)],
        },
    };

    /// <summary>The positive samples under a decoder, ascending.</summary>
    public int[] Positives(DecodingRule rule)
    {
        var positives = new List<int>();
        foreach (var s in Candidates)
            if (IsPositive(s, rule)) positives.Add(s);
        return [.. positives];
    }

    /// <summary>
    /// The sample's individual Ct estimated from its positive pools (pool Ct − log2 of its dilution there, averaged);
    /// null for a negative sample or one whose positive pools carry no Ct.
    /// </summary>
    public double? EstimatedCt(int sample) => Position(sample) is var i and >= 0 && !float.IsNaN(EstimateBuffer[i]) ? EstimateBuffer[i] : null;

    /// <summary>The largest minus the smallest of the sample's per-pool Ct estimates (0 with one), null without any.</summary>
    public double? CtSpread(int sample) => Position(sample) is var i and >= 0 && !float.IsNaN(SpreadBuffer[i]) ? SpreadBuffer[i] : null;

    public SampleFlags FlagsOf(int sample) => Position(sample) is var i and >= 0 ? FlagBuffer[i] : SampleFlags.None;

    private int Position(int sample) => CallBuffer[sample] == SampleCall.Negative ? -1 : PositionBuffer[sample];
}

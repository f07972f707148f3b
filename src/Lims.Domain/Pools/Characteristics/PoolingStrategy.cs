using Lims.Domain.Common;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>How a lab tests a set of swabs. The order is the planner's last tie-break: simpler first.</summary>
public enum PoolingStrategy
{
    /// <summary>Every swab in its own reaction: one test per person, the baseline.</summary>
    Individual,

    /// <summary>Two-stage hierarchical: a pool of k; a positive pool → each member alone.</summary>
    Dorfman,

    /// <summary>Three-stage hierarchical: a pool of s1 → s1/s2 sub-pools of s2 → each member of a positive sub-pool alone.</summary>
    ThreeStage,

    /// <summary>Square n × n array: n row and n column pools, then the individuals the decoding rule points at.</summary>
    Array,

    /// <summary>The same array, with the whole array tested first as one master pool.</summary>
    ArrayMaster,
}

/// <summary>What the strategies are: their stages; on the wire they are <c>individual</c>, <c>dorfman</c>, <c>three-stage</c>, <c>array</c>, <c>array-master</c>.</summary>
public static class PoolingStrategies
{
    /// <summary>The strategy of a wire name, read leniently (trimmed, any case) as people type it, or null.</summary>
    public static PoolingStrategy? Parse(string? name) => Wire.Parse<PoolingStrategy>(name?.Trim().ToLowerInvariant());

    /// <summary>How many kinds of test the strategy runs, in order; each may have its own sensitivity and specificity.</summary>
    /// <remarks>Array: row/column pools, individuals. Array with master pool: master pool, row/column pools, individuals.</remarks>
    public static int StageCount(PoolingStrategy strategy) => strategy switch
    {
        PoolingStrategy.Individual => 1,
        PoolingStrategy.Dorfman => 2,
        PoolingStrategy.ThreeStage => 3,
        PoolingStrategy.Array => 2,
        PoolingStrategy.ArrayMaster => 3,
    };
}

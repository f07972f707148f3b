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

/// <summary>The strategies' names on the wire: <c>individual</c>, <c>dorfman</c>, <c>three-stage</c>, <c>array</c>, <c>array-master</c>.</summary>
public static class PoolingStrategies
{
    public static string Name(PoolingStrategy strategy) => strategy switch
    {
        PoolingStrategy.Individual => "individual",
        PoolingStrategy.Dorfman => "dorfman",
        PoolingStrategy.ThreeStage => "three-stage",
        PoolingStrategy.Array => "array",
        PoolingStrategy.ArrayMaster => "array-master",
    };

    /// <summary>The strategy of a wire name (case-insensitive), or null.</summary>
    public static PoolingStrategy? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "individual" => PoolingStrategy.Individual,
        "dorfman" => PoolingStrategy.Dorfman,
        "three-stage" => PoolingStrategy.ThreeStage,
        "array" => PoolingStrategy.Array,
        "array-master" => PoolingStrategy.ArrayMaster,
        _ => null,
    };

    /// <summary>The strategy of a wire name; an unknown name is a <see cref="PoolingInputException"/> on <paramref name="field"/>.</summary>
    public static PoolingStrategy Require(string? name, string field = "strategy") =>
        Parse(name) ?? throw new PoolingInputException("unknown-pooling-strategy", field,
            $"Unknown pooling strategy '{name}': use dorfman, three-stage, array or array-master.");

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

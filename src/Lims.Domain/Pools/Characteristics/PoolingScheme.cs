using Lims.Domain.Common;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>
/// A pooling scheme: a testing strategy and its sizes (not a <see cref="Designs.PoolDesign"/>, which says which sample is in which pool). <see cref="Size"/> is the pool of the first stage (Dorfman k,
/// three-stage s1) or, for the arrays, the row length n of the square n × n array; <see cref="SubpoolSize"/> is s2 of a
/// three-stage design (s1 → s1/s2 pools of s2 → individuals), 0 otherwise. Any size is allowed here: whether it fits
/// the dilution cap is the planner's concern.
/// </summary>
public readonly record struct PoolingScheme
{
    private PoolingScheme(PoolingStrategy strategy, int size, int subpoolSize)
    {
        Strategy = strategy;
        Size = size;
        SubpoolSize = subpoolSize;
    }

    public PoolingStrategy Strategy { get; }

    public int Size { get; }

    public int SubpoolSize { get; }

    /// <summary>The people one round of the design decides: the pool, or n² for an array.</summary>
    public long Individuals => Strategy is PoolingStrategy.Array or PoolingStrategy.ArrayMaster ? (long)Size * Size : Size;

    /// <summary>
    /// The most swabs behind one PCR reaction: the first-stage pool, a row or column of an array, or the whole array
    /// when it is tested as a master pool.
    /// </summary>
    public long LargestPool => Strategy == PoolingStrategy.ArrayMaster ? (long)Size * Size : Size;

    /// <summary>The stage sizes of a three-stage design (s1, s2, 1); empty for the others.</summary>
    public IReadOnlyList<int> Stages => Strategy == PoolingStrategy.ThreeStage ? [Size, SubpoolSize, 1] : [];

    /// <summary>Every swab tested alone.</summary>
    public static PoolingScheme Individual => new(PoolingStrategy.Individual, 1, 0);

    public static PoolingScheme Dorfman(int size) => new(PoolingStrategy.Dorfman, PoolSize(size), 0);

    /// <summary>A pool of <paramref name="size"/>, then <paramref name="size"/>/<paramref name="subpoolSize"/> pools of <paramref name="subpoolSize"/>, then individuals.</summary>
    public static PoolingScheme ThreeStage(int size, int subpoolSize)
    {
        PoolSize(size);
        if (subpoolSize < 2)
            throw new PoolingInputException("invalid-stages", "stages",
                $"The second stage pools at least 2 swabs (a second stage of single swabs is Dorfman testing); got {subpoolSize}.");
        if (subpoolSize >= size)
            throw new PoolingInputException("invalid-stages", "stages",
                $"The second-stage pools must be smaller than the first-stage pool of {size}; got {subpoolSize}.");
        if (size % subpoolSize != 0)
            throw new PoolingInputException("invalid-stages", "stages",
                $"The stages do not nest: pools of {subpoolSize} do not divide the first-stage pool of {size}.");
        return new(PoolingStrategy.ThreeStage, size, subpoolSize);
    }

    /// <summary>A square array of <paramref name="rowLength"/> × <paramref name="rowLength"/>, row and column pools of <paramref name="rowLength"/>.</summary>
    public static PoolingScheme Array(int rowLength) => new(PoolingStrategy.Array, PoolSize(rowLength), 0);

    /// <summary>The square array, tested first as one master pool of <paramref name="rowLength"/>².</summary>
    public static PoolingScheme ArrayMaster(int rowLength) => new(PoolingStrategy.ArrayMaster, PoolSize(rowLength), 0);

    /// <summary>
    /// The design the interfaces describe: a strategy, a size and, for three-stage testing, its stage sizes (25,5,1).
    /// The size may be left out when the stages are given; given both, they must agree.
    /// </summary>
    public static PoolingScheme Create(PoolingStrategy strategy, int? size, IReadOnlyList<int>? stages)
    {
        if (strategy != PoolingStrategy.ThreeStage && stages is { Count: > 0 })
            throw new PoolingInputException("invalid-stages", "stages", $"Stage sizes describe three-stage testing, not {strategy.ToWire()}.");
        if (strategy == PoolingStrategy.Individual) return Individual;
        if (strategy != PoolingStrategy.ThreeStage)
        {
            var n = size ?? throw new PoolingInputException("missing-size", "size",
                $"Give the {(strategy == PoolingStrategy.Dorfman ? "pool size" : "row length of the square array")}.");
            return strategy switch
            {
                PoolingStrategy.Dorfman => Dorfman(n),
                PoolingStrategy.Array => Array(n),
                _ => ArrayMaster(n),
            };
        }

        if (stages is not { Count: > 0 })
            throw new PoolingInputException("invalid-stages", "stages", "Three-stage testing needs its stage sizes, e.g. 25,5,1.");
        if (stages.Count != 3 || stages[2] != 1)
            throw new PoolingInputException("invalid-stages", "stages",
                $"Three-stage testing has three stage sizes ending with the individuals, e.g. 25,5,1; got {string.Join(",", stages)}.");
        if (size is { } given && given != stages[0])
            throw new PoolingInputException("invalid-stages", "size", $"The size {given} is not the first-stage pool {stages[0]} of the stages.");
        return ThreeStage(stages[0], stages[1]);
    }

    public override string ToString() => Strategy switch
    {
        PoolingStrategy.Individual => "individual",
        PoolingStrategy.ThreeStage => $"three-stage {Size},{SubpoolSize},1",
        PoolingStrategy.Array or PoolingStrategy.ArrayMaster => $"{Strategy.ToWire()} {Size}x{Size}",
        _ => $"{Strategy.ToWire()} {Size}",
    };

    private static int PoolSize(int size) => size >= 2
        ? size
        : throw new PoolingInputException("pool-size-too-small", "size", $"A pool holds at least 2 swabs; got {size}.");
}

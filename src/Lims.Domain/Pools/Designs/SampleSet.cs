using Lims.Domain.Common;

namespace Lims.Domain.Pools.Designs;

/// <summary>
/// The samples a generated design pools: their ids, and how many swabs each holds. A single tube holds one swab; a
/// pooled collection tube holds its members' swabs (5, 10, 20) and is never pooled again.
/// </summary>
public sealed class SampleSet
{
    private SampleSet(IdList ids, int[]? swabs)
    {
        if (ids.Count == 0) throw new DomainException("empty-design", "A design needs at least one sample.");
        Ids = ids;
        Swabs = swabs;
    }

    public IdList Ids { get; }

    public int Count => Ids.Count;

    /// <summary>Swabs per sample; null when every sample is a single swab.</summary>
    internal int[]? Swabs { get; }

    /// <summary><paramref name="count"/> single-swab samples S1 … Sn (numbers padded to one width).</summary>
    public static SampleSet Numbered(int count, string prefix = "S") => new(IdList.Numbered(count, prefix), null);

    /// <summary>Single-swab samples with the given ids, in the given order.</summary>
    public static SampleSet Of(IEnumerable<string> ids) => new(IdList.Of(ids), null);

    /// <summary>Samples with their swab counts: a pooled collection tube counts as its number of swabs.</summary>
    public static SampleSet Tubes(IEnumerable<(string Id, int Swabs)> tubes)
    {
        ArgumentNullException.ThrowIfNull(tubes);
        var list = tubes.ToList();
        var swabs = new int[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Swabs < 1)
                throw new DomainException("invalid-swabs", $"Sample '{list[i].Id}' holds {list[i].Swabs} swabs; a sample holds at least one.");
            swabs[i] = list[i].Swabs;
        }
        return new SampleSet(IdList.Of(list.Select(t => t.Id)), swabs.Any(s => s != 1) ? swabs : null);
    }
}

using Lims.Domain.Common;

namespace Lims.Domain.Tubes;

public enum TubeKind
{
    Single,
    Pooled,
}

public static class TubeCapacity
{
    /// <summary>Pooled collection tubes hold 5, 10 or 20 people; a single tube holds one.</summary>
    public static readonly IReadOnlyList<int> Pooled = [5, 10, 20];

    public static string? Check(TubeKind kind, int capacity) => kind switch
    {
        TubeKind.Single when capacity != 1 => $"A single tube has a capacity of 1, not {capacity}.",
        TubeKind.Pooled when !Pooled.Contains(capacity) => $"A pooled tube has a capacity of 5, 10 or 20, not {capacity}.",
        _ => null,
    };

    public static void Ensure(TubeKind kind, int capacity)
    {
        if (Check(kind, capacity) is { } error) throw new DomainException("invalid-capacity", error);
    }
}

using System.Collections;
using System.Globalization;
using Lims.Domain.Common;

namespace Lims.Domain.Pools.Designs;

/// <summary>
/// The ids of a design's samples or pools, by index. Either given (a list of strings) or made on demand
/// (numbered, or named from the design's structure), so that a design of 10 M samples does not hold
/// 10 M strings it never prints.
/// </summary>
public sealed class IdList : IReadOnlyList<string>
{
    private readonly string[]? _given;
    private readonly Func<int, string>? _name;
    private Dictionary<string, int>? _index;

    private IdList(int count, string[]? given, Func<int, string>? name)
    {
        Count = count;
        _given = given;
        _name = name;
    }

    public int Count { get; }

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _given is not null ? _given[index] : _name!(index);
        }
    }

    /// <summary>Given ids, in the given order. Blank and repeated ids are refused.</summary>
    public static IdList Of(IEnumerable<string> ids, string what = "sample")
    {
        ArgumentNullException.ThrowIfNull(ids);
        var given = ids.ToArray();
        var index = new Dictionary<string, int>(given.Length, StringComparer.Ordinal);
        for (var i = 0; i < given.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(given[i]))
                throw new DomainException("invalid-id", $"A {what} id may not be blank (the {Ordinal(i + 1)} {what}).");
            if (!index.TryAdd(given[i], i))
                throw new DomainException("duplicate-id", $"The {what} id '{given[i]}' is given twice.");
        }
        return new IdList(given.Length, given, null) { _index = index };
    }

    /// <summary>
    /// <paramref name="prefix"/> and a 1-based number padded to the width of the largest one (S01 … S96), so that
    /// the ordinal order of the ids is their index order.
    /// </summary>
    public static IdList Numbered(int count, string prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var format = "D" + count.ToString(CultureInfo.InvariantCulture).Length.ToString(CultureInfo.InvariantCulture);
        return new IdList(count, null, i => prefix + (i + 1).ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>Ids made from the index by <paramref name="name"/>, which must give every index a distinct id.</summary>
    internal static IdList Named(int count, Func<int, string> name) => new(count, null, name);

    /// <summary>The index of <paramref name="id"/>, or -1. Ids that are made on demand are indexed on the first call.</summary>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_index is null)
        {
            var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
            for (var i = 0; i < Count; i++) index[this[i]] = i;
            _index = index;
        }
        return _index.TryGetValue(id, out var found) ? found : -1;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}

using System.Text;

namespace Lims.Domain.Results;

/// <summary>
/// How a name is compared in the public result look-up: the name a person types must match the name they were registered
/// under, up to case, spacing and full-width forms. Only the keyed hash of the normalized form is stored.
/// </summary>
public static class LookupName
{
    /// <summary>Longest name (after trimming) the look-up accepts: registration accepts 100 characters.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// Trimmed, inner whitespace collapsed to one space, full-width ASCII forms (U+FF01–U+FF5E, typed by Chinese input
    /// methods) folded to ASCII, lower-cased with the invariant (culture-free) mapping: <c>"  ＺＨＡＮＧ　 san "</c> →
    /// <c>"zhang san"</c>. Not a full Unicode case fold or NFKC normalization, which need culture data this build
    /// does not carry (invariant globalization).
    /// </summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var raw in name)
        {
            if (char.IsWhiteSpace(raw))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString().ToLowerInvariant();
    }
}

/// <summary>A person's outcome as the look-up shows it, with what identifies the tube and when.</summary>
/// <param name="Cursor">The release cursor: later releases have larger ones, so the latest result is the one with the largest.</param>
/// <param name="Name">Index of the name (hash) the person was registered under in this tube, in <see cref="PersonLookup.Names"/>.</param>
/// <param name="Tube">The tube barcode, masked (<see cref="PersonLookup.MaskBarcode"/>).</param>
public sealed record LookupResult(long Cursor, int Name, PersonOutcome Outcome, string Tube, bool Pooled, string Site, DateTimeOffset CollectedAt, DateTimeOffset ReleasedAt);

/// <summary>A name a person was registered under: the keyed hash of its normalized form, and the masked form shown back.</summary>
public sealed record LookupNameHash(byte[] Hash, string Masked);

/// <summary>
/// The public look-up's view of one person: their masked id, the names they were registered under (as keyed hashes) and their
/// latest <see cref="Kept"/> released results, newest first. Kept up to date at release, in the releasing transaction.
/// </summary>
public sealed class PersonLookup
{
    /// <summary>How many results of a person the look-up keeps and shows.</summary>
    public const int Kept = 10;

    private readonly List<LookupNameHash> _names;
    private readonly List<LookupResult> _results;

    public PersonLookup(string maskedId, IEnumerable<LookupNameHash> names, IEnumerable<LookupResult> results)
    {
        MaskedId = maskedId;
        _names = [.. names];
        _results = [.. results];
    }

    public string MaskedId { get; private set; }
    public IReadOnlyList<LookupNameHash> Names => _names;
    public IReadOnlyList<LookupResult> Results => _results;

    /// <summary>The cursor of the latest result (0 when there is none).</summary>
    public long LastCursor => _results.Count == 0 ? 0 : _results[0].Cursor;

    /// <summary>
    /// Adds a released result of the person under the name (hash) they were registered with in that tube. The newest
    /// <see cref="Kept"/> results stay; a name no result refers to any more is forgotten. Adding the same release twice changes nothing.
    /// </summary>
    public void Add(string maskedId, byte[] nameHash, string maskedName, long cursor, PersonOutcome outcome, string barcode, bool pooled,
        string site, DateTimeOffset collectedAt, DateTimeOffset releasedAt)
    {
        if (_results.Exists(r => r.Cursor == cursor)) return;
        MaskedId = maskedId;
        var name = _names.FindIndex(n => n.Hash.AsSpan().SequenceEqual(nameHash));
        if (name < 0)
        {
            _names.Add(new LookupNameHash(nameHash, maskedName));
            name = _names.Count - 1;
        }
        _results.Add(new LookupResult(cursor, name, outcome, MaskBarcode(barcode), pooled, site, collectedAt, releasedAt));
        _results.Sort((a, b) => b.Cursor.CompareTo(a.Cursor));
        if (_results.Count > Kept) _results.RemoveRange(Kept, _results.Count - Kept);
        DropUnusedNames();
    }

    /// <summary>The results registered under the name with this hash, newest first, with its masked form; null when the name does not match.</summary>
    public (string MaskedName, IReadOnlyList<LookupResult> Results)? For(ReadOnlySpan<byte> nameHash)
    {
        for (var i = 0; i < _names.Count; i++)
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(_names[i].Hash, nameHash))
            {
                var index = i;
                return (_names[i].Masked, _results.FindAll(r => r.Name == index));
            }
        return null;
    }

    /// <summary>
    /// A tube barcode as the look-up shows it, masked like an id (the first and last quarter, at most four characters each:
    /// <c>TB0******012</c>): enough to tell one's tubes apart, not enough to name a tube, which in a pool holds other people's swabs.
    /// </summary>
    public static string MaskBarcode(string barcode) => Tubes.PersonId.Mask(barcode);

    private void DropUnusedNames()
    {
        for (var i = _names.Count - 1; i >= 0; i--)
        {
            if (_results.Exists(r => r.Name == i)) continue;
            _names.RemoveAt(i);
            for (var j = 0; j < _results.Count; j++)
                if (_results[j].Name > i) _results[j] = _results[j] with { Name = _results[j].Name - 1 };
        }
    }
}

using Lims.Domain.Common;

namespace Lims.Domain.Labels;

/// <summary>
/// A range of new barcodes issued for printing: <see cref="Prefix"/> with the sequence numbers <see cref="First"/> to
/// <see cref="Last"/>. Ranges of a prefix follow one another: a new one starts right after the highest sequence number
/// ever issued for that prefix, so no barcode is issued twice. That rule is <see cref="Issue"/>'s; that two ranges
/// issued at the same moment cannot both take the same start is the database's (a unique index on prefix and first
/// sequence number, the loser asks again). Ranges are never deleted.
/// </summary>
public sealed class BarcodeAllocation
{
    /// <summary>The first sequence number a prefix gives out (0 would read as "no number" to people).</summary>
    public const long FirstSequence = 1;
    public const int MaxPurposeLength = 200;
    public const int MaxIdempotencyKeyLength = 128;
    public const int MaxIssuedByLength = 100;

    private BarcodeAllocation() { }

    public BarcodeAllocationId Id { get; private set; }
    public string Prefix { get; private set; } = "";
    public long First { get; private set; }
    public long Last { get; private set; }
    public int Count { get; private set; }
    public LabelKind Kind { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedBy { get; private set; } = "";
    /// <summary>What the range is for, as the person who asked for it put it (a site, a campaign).</summary>
    public string? Purpose { get; private set; }
    /// <summary>The client's key for a retried request: the same key answers this range again.</summary>
    public string? IdempotencyKey { get; private set; }
    /// <summary>The submitter the range was issued to (e.g. to pre-print its tube labels): it may fetch the range and its labels. Null: the lab's own.</summary>
    public SubmitterId? SubmitterId { get; private set; }

    /// <summary>The barcodes of the range, made on demand.</summary>
    public BarcodeRange Range => BarcodeRange.Create(Prefix, First, Count);

    public string FirstBarcode => BarcodeRange.Format(Prefix, First);

    public string LastBarcode => BarcodeRange.Format(Prefix, Last);

    /// <summary>
    /// Issues <paramref name="count"/> barcodes of <paramref name="prefix"/> after <paramref name="highestIssued"/>, the
    /// highest sequence number issued so far for that prefix (null when none was).
    /// </summary>
    /// <exception cref="DomainException">
    /// The prefix or count is not valid (<c>invalid-barcode-prefix</c>, <c>invalid-barcode-count</c>), the prefix has
    /// too few sequence numbers left (<c>barcode-sequence-exhausted</c>), or the purpose or key is too long.
    /// </exception>
    public static BarcodeAllocation Issue(
        BarcodeAllocationId id, string prefix, long? highestIssued, int count, LabelKind kind,
        DateTimeOffset at, string by, string? purpose = null, string? idempotencyKey = null, SubmitterId? submitter = null)
    {
        if (BarcodeRange.CheckPrefix(prefix) is { } prefixError) throw new DomainException("invalid-barcode-prefix", prefixError);
        if (count is < 1 or > BarcodeRange.MaxCount)
            throw new DomainException("invalid-barcode-count", $"A barcode range holds 1 to {BarcodeRange.MaxCount:N0} barcodes; {count:N0} asked for.");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a label kind.");
        if (highestIssued is < 0 or > BarcodeRange.MaxSequence)
            throw new ArgumentOutOfRangeException(nameof(highestIssued), highestIssued, "Not a sequence number.");
        var first = highestIssued + 1 ?? FirstSequence;
        var left = BarcodeRange.MaxSequence - first + 1;
        if (count > left)
            throw new DomainException("barcode-sequence-exhausted",
                $"Prefix {prefix} has {Math.Max(0, left):N0} sequence numbers left, fewer than the {count:N0} asked for; use a new prefix.");
        purpose = Normalize(purpose);
        if (purpose?.Length > MaxPurposeLength)
            throw new DomainException("invalid-purpose", $"A range's purpose has at most {MaxPurposeLength} characters.");
        if (idempotencyKey is not null && (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength))
            throw new DomainException("invalid-idempotency-key", $"An Idempotency-Key has 1 to {MaxIdempotencyKeyLength} characters.");
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("Someone issues the range.", nameof(by));

        return new BarcodeAllocation
        {
            Id = id,
            Prefix = prefix,
            First = first,
            Last = first + count - 1,
            Count = count,
            Kind = kind,
            // Whole milliseconds, as every provider stores them: the answer given now is the one read back later.
            IssuedAt = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
            IssuedBy = by,
            Purpose = purpose,
            IdempotencyKey = idempotencyKey,
            SubmitterId = submitter,
        };
    }

    /// <summary>Whether a retried request with this range's idempotency key asked for the same thing.</summary>
    public bool IsSameRequest(string prefix, int count, LabelKind kind, string? purpose, SubmitterId? submitter = null) =>
        Prefix == prefix && Count == count && Kind == kind && Purpose == Normalize(purpose) && SubmitterId == submitter;

    private static string? Normalize(string? purpose) => string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
}

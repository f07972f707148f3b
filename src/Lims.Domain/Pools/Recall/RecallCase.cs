using System.Buffers.Binary;
using System.Security.Cryptography;
using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Pools.Recall;

public readonly record struct RecallCaseId(Guid Value)
{
    public static RecallCaseId New() => new(Guid.CreateVersion7());

    /// <summary>
    /// <paramref name="count"/> new ids in ascending order, version 7 like <see cref="New"/> (this millisecond, then
    /// random bits), made from one draw of random bytes: <see cref="Guid.CreateVersion7()"/> asks the operating system
    /// for each (~3 µs apiece here, a tenth of a second for a day's recall cases).
    /// </summary>
    public static RecallCaseId[] NewAscending(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new byte[count * 10];
        RandomNumberGenerator.Fill(random);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16); // 48-bit time first
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            random.AsSpan(i * 10, 10).CopyTo(bytes[6..]);
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
            ids[i] = new Guid(bytes, bigEndian: true);
        }
        Array.Sort(ids); // Guid order is the byte order databases compare uuids in
        return [.. ids.Select(g => new RecallCaseId(g))];
    }
    public override string ToString() => Value.ToString();
}

public enum RecallStatus
{
    // Stored by name: keep the names.
    /// <summary>Waiting for the individual results of its members.</summary>
    Open,
    /// <summary>Every member has a final individual result.</summary>
    Closed,
    /// <summary>The pool is no longer positive (a reviewer overrode its call or sent it back to retest): nobody is recalled.</summary>
    Withdrawn,
}

/// <summary>One person of a positive pool: the single tube ordered for them, and their individual result once known.</summary>
public sealed record RecallMember(int Position, string PersonMasked, byte[] PersonLookupHash, Barcode OrderBarcode, TubeCall? Result, Barcode? ResultTube, DateTimeOffset? ResultAt)
{
    public bool HasResult => Result is not null;
}

/// <summary>A positive collection pool as a recall needs it: the tube, whose it is, where it was taken, and its people in order.</summary>
public sealed record PositivePool(TubeId Tube, Barcode Barcode, SubmitterId Submitter, string Site, IReadOnlyList<PoolMember> Members)
{
    public static PositivePool Of(Tube tube)
    {
        ArgumentNullException.ThrowIfNull(tube);
        if (!tube.AwaitingDeconvolution)
            throw new DomainException("not-a-positive-pool", $"Tube {tube.Barcode} is not a pooled tube called positive: there is nobody to recall.");
        return new(tube.Id, tube.Barcode, tube.SubmitterId, tube.Site,
            [.. tube.Members.OrderBy(m => m.Position).Select(m => new PoolMember(m.Position, m.Person.Masked, m.Person.LookupHash))]);
    }
}

public sealed record PoolMember(int Position, string PersonMasked, byte[] PersonLookupHash);

/// <summary>
/// The recall of a positive collection pool (PRODUCT.md, "pool positive → every member becomes recall required"):
/// its members, a new single-tube order per member (a barcode issued for it), a deadline, and its status. The case is
/// prepared when the run calls the pool positive, but its submitter sees it only once the pool's positive call is
/// approved (<see cref="Publish"/>: it reveals the call) — the deadline counts from then. It closes only when every
/// member has a released individual result of their own (positive or negative) from the single tube ordered for them;
/// an open, published case past its deadline is flagged overdue. A pool no longer positive withdraws its case, with why.
/// </summary>
public sealed class RecallCase : AggregateRoot
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromHours(12);

    private readonly List<RecallMember> _members = [];

    private RecallCase() { }

    public RecallCaseId Id { get; private set; }
    public TubeId PoolTubeId { get; private set; }
    public Barcode PoolBarcode { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public string Site { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public RecallStatus Status { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>When the overdue check found the case open past its deadline, if it has.</summary>
    public DateTimeOffset? OverdueSince { get; private set; }
    /// <summary>When the pool's positive call was approved and the case shown to its submitter; null before (and forever for a case withdrawn before).</summary>
    public DateTimeOffset? VisibleAt { get; private set; }
    /// <summary>Why the case was withdrawn, when it was.</summary>
    public string? WithdrawnReason { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<RecallMember> Members => _members.AsReadOnly();

    public int Outstanding => _members.Count(m => !m.HasResult);

    /// <summary>Opens the recall of a pooled tube called positive, with one new tube barcode per member, in member order.</summary>
    public static RecallCase Open(RecallCaseId id, Tube pool, IReadOnlyList<Barcode> orderBarcodes, DateTimeOffset at, TimeSpan deadline) =>
        Open(id, PositivePool.Of(pool), orderBarcodes, at, deadline);

    /// <summary>Opens the recall of a positive pool (as read from the database for many pools at once; see <see cref="PositivePool.Of"/>).</summary>
    public static RecallCase Open(RecallCaseId id, PositivePool pool, IReadOnlyList<Barcode> orderBarcodes, DateTimeOffset at, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(orderBarcodes);
        if (pool.Members.Count == 0) throw new ArgumentException($"Pool {pool.Barcode} has no members.", nameof(pool));
        if (orderBarcodes.Count != pool.Members.Count)
            throw new ArgumentException($"Pool {pool.Barcode} has {pool.Members.Count} members; {orderBarcodes.Count} order barcodes were given.", nameof(orderBarcodes));
        if (deadline <= TimeSpan.Zero) throw new DomainException("invalid-recall-deadline", "A recall deadline is a positive time.");

        var recall = new RecallCase
        {
            Id = id, PoolTubeId = pool.Tube, PoolBarcode = pool.Barcode, SubmitterId = pool.Submitter, Site = pool.Site,
            OpenedAt = at.ToUniversalTime(), DueAt = at.ToUniversalTime() + deadline, Status = RecallStatus.Open,
        };
        for (var i = 0; i < pool.Members.Count; i++)
        {
            var m = pool.Members[i];
            recall._members.Add(new RecallMember(m.Position, m.PersonMasked, m.PersonLookupHash, orderBarcodes[i], null, null, null));
        }
        return recall;
    }

    /// <summary>
    /// The pool's positive call is approved: the case is shown to its submitter, and its deadline counts from now. A case
    /// that is withdrawn or shown already changes nothing.
    /// </summary>
    public void Publish(DateTimeOffset at)
    {
        if (Status != RecallStatus.Open || VisibleAt is not null) return;
        var utc = at.ToUniversalTime();
        DueAt = utc + (DueAt - OpenedAt);
        VisibleAt = utc;
        Version++;
        Raise(new RecallPublished(this));
    }

    /// <summary>Whether the case is shown to its submitter.</summary>
    public bool Visible => VisibleAt is not null;

    /// <summary>
    /// The released individual result of the single tube ordered for a member (its barcode is the order barcode), given
    /// only when that tube carries the member themself (<paramref name="personLookupHash"/>: their keyed id hash). The
    /// same result again changes nothing; another one for a member who has a result is an error. The last result closes the case.
    /// </summary>
    /// <returns>Whether anything changed: false for another person's tube, which does not answer the order.</returns>
    public bool RecordResult(Barcode tube, ReadOnlySpan<byte> personLookupHash, TubeCall call, DateTimeOffset at)
    {
        if (call is not (TubeCall.Positive or TubeCall.Negative))
            throw new DomainException("result-not-final", $"Tube {tube} is {call.ToWire()}: only a positive or negative result closes a member's recall.");
        var index = _members.FindIndex(m => m.OrderBarcode == tube);
        if (index < 0) throw new DomainException("not-a-recall-order", $"Tube {tube} was not ordered by the recall of pool {PoolBarcode}.");
        var member = _members[index];
        if (!personLookupHash.SequenceEqual(member.PersonLookupHash)) return false;
        if (member.Result is { } earlier)
            return earlier == call
                ? false
                : throw new DomainException("recall-result-differs", $"Member {member.Position} of pool {PoolBarcode} has the result {earlier.ToWire()} already.");
        _members[index] = member with { Result = call, ResultTube = tube, ResultAt = at.ToUniversalTime() };
        if (_members.TrueForAll(m => m.HasResult))
        {
            Status = RecallStatus.Closed;
            ClosedAt = at.ToUniversalTime();
        }
        Version++;
        return true;
    }

    /// <summary>
    /// The pool turned out not to need a recall (a reviewer's override or retest): the case is withdrawn, with why. Its
    /// submitter never sees a case withdrawn before it was shown; one shown already is shown withdrawn, with the reason.
    /// Withdrawing twice changes nothing.
    /// </summary>
    public void Withdraw(string reason, DateTimeOffset at)
    {
        if (Status == RecallStatus.Withdrawn) return;
        if (Status != RecallStatus.Open)
            throw new DomainException("recall-closed", $"The recall of pool {PoolBarcode} is {Status.ToWire()}: it can no longer be withdrawn.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "A reason is required.");
        Status = RecallStatus.Withdrawn;
        ClosedAt = at.ToUniversalTime();
        WithdrawnReason = reason.Trim();
        Version++;
        if (Visible) Raise(new RecallWithdrawn(this));
    }

    /// <summary>
    /// The overdue rule: an open case, shown to its submitter (the deadline counts from then), not flagged yet, past its
    /// deadline. The recurring check flags such cases set-based.
    /// </summary>
    public static readonly Rule<RecallCase, DateTimeOffset> OverdueRule = new((c, now) =>
        c.Status == RecallStatus.Open && c.VisibleAt != null && c.OverdueSince == null && c.DueAt < now);

    /// <summary>The cases the overdue check flags at <paramref name="now"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<RecallCase, bool>> IsOverdue(DateTimeOffset now) => OverdueRule.With(now);

    /// <summary>Whether the overdue check flags this case at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => OverdueRule.IsMetBy(this, now);
}

/// <summary>A recall case was shown to its submitter: the single tubes to collect are known to them from now.</summary>
public sealed record RecallPublished(RecallCase Case) : IDomainEvent;

/// <summary>A recall case its submitter had seen was withdrawn: nobody is to be recollected after all.</summary>
public sealed record RecallWithdrawn(RecallCase Case) : IDomainEvent;

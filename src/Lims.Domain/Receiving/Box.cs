using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Receiving;

public enum BoxStatus
{
    /// <summary>Packed and sealed by the submitter, on its way.</summary>
    Shipped,
    /// <summary>Opened at the lab; tubes are being scanned.</summary>
    Receiving,
    /// <summary>Reconciled: every difference between what was declared and what arrived is listed.</summary>
    Closed,
}

/// <summary>What a scan of a barcode at receipt turned out to be.</summary>
public enum ScanOutcome
{
    /// <summary>A tube packed in this box, seen for the first time: received.</summary>
    Expected,
    /// <summary>A registered tube that was not packed in this box.</summary>
    Extra,
    /// <summary>A barcode no registered tube carries.</summary>
    Unknown,
    /// <summary>Scanned before in this box.</summary>
    Duplicate,
}

public enum DiscrepancyKind
{
    Missing,
    Extra,
    Unknown,
    Duplicate,
    CountMismatch,
}

/// <summary>
/// A sealed transport box: the submitter declares how many tubes it holds and which; the lab scans
/// them in one by one and closes the box with a reconciliation. Nothing that differs is accepted
/// silently: each difference is a <see cref="Discrepancy"/> to resolve.
/// </summary>
public sealed class Box
{
    public const int MaxTubes = 1_000;

    private readonly List<PackedTube> _tubes = [];
    private readonly List<BoxScan> _scans = [];
    private readonly List<Discrepancy> _discrepancies = [];

    private Box() { }

    public BoxId Id { get; private set; }
    public Barcode Barcode { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public int DeclaredCount { get; private set; }
    public BoxStatus Status { get; private set; }
    public DateTimeOffset ShippedAt { get; private set; }
    public string ShippedBy { get; private set; } = "";
    public DateTimeOffset? ReceivingStartedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    /// <summary>Bumped by every change, so two scanners working on one box cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PackedTube> Tubes => _tubes.AsReadOnly();
    public IReadOnlyList<BoxScan> Scans => _scans.AsReadOnly();
    public IReadOnlyList<Discrepancy> Discrepancies => _discrepancies.AsReadOnly();

    /// <summary>
    /// Packs the submitter's tubes and ships the box: each tube moves from registered to shipped.
    /// The declared count is what the label on the box says; it is checked at receipt.
    /// </summary>
    public static Box Ship(BoxId id, Barcode barcode, SubmitterId submitter, int declaredCount, IReadOnlyList<Tube> tubes, DateTimeOffset at, string by)
    {
        if (declaredCount is < 1 or > MaxTubes)
            throw new DomainException("invalid-declared-count", $"A box holds 1 to {MaxTubes} tubes; {declaredCount} was declared.");
        if (tubes.Count == 0) throw new DomainException("empty-box", "A box is packed with at least one tube.");
        if (tubes.Count > MaxTubes) throw new DomainException("too-many-tubes", $"A box holds at most {MaxTubes} tubes.");
        var box = new Box
        {
            Id = id, Barcode = barcode, SubmitterId = submitter, DeclaredCount = declaredCount,
            Status = BoxStatus.Shipped, ShippedAt = at.ToUniversalTime(), ShippedBy = by,
        };
        var seen = new HashSet<TubeId>();
        foreach (var tube in tubes)
        {
            if (tube.SubmitterId != submitter)
                throw new DomainException("foreign-tube", $"Tube {tube.Barcode} belongs to another submitter.");
            if (!seen.Add(tube.Id)) throw new DomainException("duplicate-tube", $"Tube {tube.Barcode} is packed twice.");
            try
            {
                tube.Ship(at, by, $"box {barcode}");
            }
            catch (IllegalTransitionException e)
            {
                throw new DomainException("tube-not-shippable", $"Tube {tube.Barcode} cannot be shipped: it is {e.From}.");
            }
            box._tubes.Add(new PackedTube(tube.Id, tube.Barcode));
        }
        return box;
    }

    /// <summary>
    /// Scans one barcode at receipt. A tube packed in this box is received; anything else is
    /// recorded with its outcome and becomes a discrepancy when the box is closed.
    /// </summary>
    /// <param name="tube">The registered tube with this barcode, if any.</param>
    /// <param name="scanId">
    /// The scanner's id for this scan: sending the same scan again (a retry) changes nothing and answers the first outcome.
    /// Without one (a plain scanner) every scan is a physical scan of its own, given an id here: the same barcode again is
    /// a duplicate scan.
    /// </param>
    public ScanOutcome Scan(Guid? scanId, Barcode barcode, Tube? tube, DateTimeOffset at, string by)
    {
        if (scanId == Guid.Empty) throw new DomainException("invalid-scan-id", "A scan id is a GUID other than 00000000-0000-0000-0000-000000000000.");
        if (scanId is { } id && _scans.Find(s => s.ScanId == id) is { } earlier)
            return earlier.Barcode == barcode
                ? earlier.Outcome
                : throw new DomainException("scan-id-reused", $"Scan {id} was of {earlier.Barcode}, not {barcode}.");
        if (Status == BoxStatus.Closed) throw new DomainException("box-closed", $"Box {Barcode} is closed; it takes no more scans.");
        if (tube is not null && tube.Barcode != barcode) throw new ArgumentException("The tube does not carry the scanned barcode.", nameof(tube));
        if (Status == BoxStatus.Shipped)
        {
            Status = BoxStatus.Receiving;
            ReceivingStartedAt = at.ToUniversalTime();
        }

        ScanOutcome outcome;
        if (_scans.Exists(s => s.Barcode == barcode)) outcome = ScanOutcome.Duplicate;
        else if (tube is null) outcome = ScanOutcome.Unknown;
        else if (_tubes.Exists(t => t.TubeId == tube.Id))
        {
            try
            {
                tube.Receive(at, by);
            }
            catch (IllegalTransitionException e)
            {
                throw new DomainException("tube-not-receivable", $"Tube {tube.Barcode} cannot be received: it is {e.From}.");
            }
            outcome = ScanOutcome.Expected;
        }
        else outcome = ScanOutcome.Extra;
        _scans.Add(new BoxScan(scanId ?? Guid.CreateVersion7(), barcode, outcome, at.ToUniversalTime(), by));
        Version++;
        return outcome;
    }

    /// <summary>
    /// Closes the box and lists every difference between what was declared and what was scanned:
    /// packed tubes never scanned, extra and unknown barcodes, duplicate scans, and a scanned count
    /// that differs from the declared one. Closing twice is an error.
    /// </summary>
    public IReadOnlyList<Discrepancy> Close(DateTimeOffset at, string by)
    {
        if (Status == BoxStatus.Closed) throw new DomainException("box-closed", $"Box {Barcode} was already closed at {ClosedAt:u}.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        // Listed in a fixed order (the collections may come back from the database in any order),
        // since the numbers given here are how the lab names the discrepancies from now on.
        var received = _scans.Where(s => s.Outcome == ScanOutcome.Expected).Select(s => s.Barcode).ToHashSet();
        foreach (var missing in _tubes.Where(t => !received.Contains(t.Barcode)).OrderBy(t => t.Barcode.Value, StringComparer.Ordinal))
            List(DiscrepancyKind.Missing, missing.Barcode, "Packed in the box but not scanned at receipt.");
        foreach (var scan in _scans.Where(s => s.Outcome != ScanOutcome.Expected).OrderBy(s => s.At))
            switch (scan.Outcome)
            {
                case ScanOutcome.Extra: List(DiscrepancyKind.Extra, scan.Barcode, "A registered tube that was not packed in this box."); break;
                case ScanOutcome.Unknown: List(DiscrepancyKind.Unknown, scan.Barcode, "No registered tube carries this barcode."); break;
                case ScanOutcome.Duplicate: List(DiscrepancyKind.Duplicate, scan.Barcode, "Scanned more than once."); break;
                case ScanOutcome.Expected: throw new InvalidOperationException("unreachable");
            }
        var distinct = _scans.Select(s => s.Barcode).Distinct().Count();
        if (distinct != DeclaredCount)
            List(DiscrepancyKind.CountMismatch, null, $"The box was declared with {DeclaredCount} tubes; {distinct} distinct barcodes were scanned.");
        Status = BoxStatus.Closed;
        ClosedAt = at.ToUniversalTime();
        ClosedBy = by;
        Version++;
        return Discrepancies;
    }

    /// <summary>
    /// The box's counter: the packed tubes scanned (matched) against the declared count, and the scans that matched
    /// nothing packed apart — an unknown barcode or an extra tube is never counted as one of the box's tubes.
    /// </summary>
    public BoxCount Count()
    {
        int matched = 0, extra = 0, unknown = 0, duplicate = 0;
        foreach (var scan in _scans)
        {
            switch (scan.Outcome)
            {
                case ScanOutcome.Expected: matched++; break;
                case ScanOutcome.Extra: extra++; break;
                case ScanOutcome.Unknown: unknown++; break;
                case ScanOutcome.Duplicate: duplicate++; break;
            }
        }
        var receivedLater = _discrepancies.Count(d => d.Resolution is DiscrepancyResolution.Found or DiscrepancyResolution.Received);
        return new BoxCount(DeclaredCount, matched, extra, unknown, duplicate, matched + receivedLater);
    }

    /// <summary>True once the box is closed and every discrepancy it listed is resolved.</summary>
    public bool IsReconciled => Status == BoxStatus.Closed && _discrepancies.TrueForAll(d => d.IsResolved);

    /// <summary>How many listed discrepancies still wait for a resolution.</summary>
    public int OpenDiscrepancies => _discrepancies.Count(d => !d.IsResolved);

    /// <summary>
    /// Resolves discrepancy <paramref name="number"/> of the closed box, once, with a resolution
    /// that fits its kind (<see cref="DiscrepancyResolutions.AllowedFor"/>). A missing tube that
    /// is <see cref="DiscrepancyResolution.Found"/> and an extra tube that is
    /// <see cref="DiscrepancyResolution.Received"/> are received now, so their custody history says
    /// who and when; no other resolution changes a tube. An extra tube is received into this box whether
    /// it was shipped in another box or never listed in one, as long as it is the box's submitter's. Sending the identical resolution again (a
    /// retry) changes nothing and answers the first; any other resolution of a resolved
    /// discrepancy is an error.
    /// </summary>
    /// <param name="tube">The registered tube with the discrepancy's barcode: needed to receive it (found, received), else ignored.</param>
    public Discrepancy Resolve(int number, DiscrepancyResolution resolution, string? note, Tube? tube, DateTimeOffset at, string by)
    {
        if (Status != BoxStatus.Closed)
            throw new DomainException("box-not-closed", $"Box {Barcode} is not closed: its discrepancies are listed when it closes.");
        var discrepancy = _discrepancies.Find(d => d.Number == number)
            ?? throw new DomainException("unknown-discrepancy", $"Box {Barcode} has no discrepancy {number}.");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (discrepancy.Resolution is { } earlier)
            return earlier == resolution && discrepancy.ResolutionNote == note
                ? discrepancy
                : throw new DomainException("discrepancy-resolved",
                    $"Discrepancy {number} of box {Barcode} was already resolved as {earlier.ToWire()}{(discrepancy.ResolutionNote is { } n ? $" ({n})" : "")} by {discrepancy.ResolvedBy} at {discrepancy.ResolvedAt:u}.");
        if (!DiscrepancyResolutions.AllowedFor(discrepancy.Kind).Contains(resolution))
            throw new DomainException("resolution-not-allowed",
                $"A {discrepancy.Kind.ToWire()} discrepancy is resolved as {string.Join(" or ", DiscrepancyResolutions.AllowedFor(discrepancy.Kind).Select(r => r.ToWire()))}, not {resolution.ToWire()}.");
        if (resolution.NeedsNote() && note is null)
            throw new DomainException("note-required", $"A discrepancy resolved as {resolution.ToWire()} says what happened in a note.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");

        if (resolution is DiscrepancyResolution.Found or DiscrepancyResolution.Received)
        {
            ArgumentNullException.ThrowIfNull(tube);
            if (tube.Barcode != discrepancy.Barcode) throw new ArgumentException("The tube does not carry the discrepancy's barcode.", nameof(tube));
            if (tube.SubmitterId != SubmitterId)
                throw new DomainException("foreign-tube", $"Tube {tube.Barcode} belongs to another submitter: it cannot be received with box {Barcode}.");
            try
            {
                if (resolution == DiscrepancyResolution.Found) tube.Receive(at, by);
                else tube.ReceiveWith($"box {Barcode}, as an extra tube", at, by);
            }
            catch (IllegalTransitionException e)
            {
                throw new DomainException("tube-not-receivable",
                    $"Tube {tube.Barcode} cannot be received: it is {e.From}, not {(resolution == DiscrepancyResolution.Found ? "shipped" : "registered or shipped")}.");
            }
        }
        discrepancy.Resolve(resolution, note, at.ToUniversalTime(), by);
        Version++;
        return discrepancy;
    }

    private void List(DiscrepancyKind kind, Barcode? barcode, string description) =>
        _discrepancies.Add(new Discrepancy(_discrepancies.Count + 1, kind, barcode, description));
}

public sealed record PackedTube(TubeId TubeId, Barcode Barcode);

/// <summary>
/// A box's counter: <paramref name="Matched"/> packed tubes scanned of <paramref name="Declared"/>; the scans that are not
/// the box's tubes apart (<paramref name="Extra"/> registered tubes not packed in it, <paramref name="Unknown"/> barcodes,
/// <paramref name="Duplicate"/> scans); <paramref name="Received"/> the tubes received with the box, the matched ones and
/// those received later by a resolution (a missing tube found, an extra tube received).
/// </summary>
public sealed record BoxCount(int Declared, int Matched, int Extra, int Unknown, int Duplicate, int Received);

public sealed record BoxScan(Guid ScanId, Barcode Barcode, ScanOutcome Outcome, DateTimeOffset At, string By);

/// <summary>
/// A difference found when a box was closed, numbered 1, 2, … in the order it was listed; it stays
/// open until someone resolves it (<see cref="Box.Resolve"/>), once.
/// </summary>
public sealed class Discrepancy
{
    private Discrepancy() { }

    internal Discrepancy(int number, DiscrepancyKind kind, Barcode? barcode, string description)
    {
        Number = number;
        Kind = kind;
        Barcode = barcode;
        Description = description;
    }

    public int Number { get; private set; }
    public DiscrepancyKind Kind { get; private set; }
    public Barcode? Barcode { get; private set; }
    public string Description { get; private set; } = "";
    public DiscrepancyResolution? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public bool IsResolved => Resolution is not null;

    internal void Resolve(DiscrepancyResolution resolution, string? note, DateTimeOffset at, string by)
    {
        Resolution = resolution;
        ResolutionNote = note;
        ResolvedAt = at;
        ResolvedBy = by;
    }
}

/// <summary>How the lab settled a discrepancy. Which ones fit a kind: <see cref="DiscrepancyResolutions.AllowedFor"/>.</summary>
public enum DiscrepancyResolution
{
    /// <summary>A missing tube that will not turn up: recorded; the tube stays as it is.</summary>
    Lost,
    /// <summary>A missing tube that turned up after all: received now.</summary>
    Found,
    /// <summary>An extra tube of the same submitter, taken in: received now into the box it came with.</summary>
    Received,
    /// <summary>An extra tube or an unknown barcode sent back to the submitter.</summary>
    Returned,
    /// <summary>An unknown barcode disposed of at the lab.</summary>
    Destroyed,
    /// <summary>A duplicate scan or a count that differs, seen and accepted as it is.</summary>
    Acknowledged,
}

public static class DiscrepancyResolutions
{
    private static readonly DiscrepancyResolution[] Missing = [DiscrepancyResolution.Lost, DiscrepancyResolution.Found];
    private static readonly DiscrepancyResolution[] Extra = [DiscrepancyResolution.Received, DiscrepancyResolution.Returned];
    private static readonly DiscrepancyResolution[] Unknown = [DiscrepancyResolution.Returned, DiscrepancyResolution.Destroyed];
    private static readonly DiscrepancyResolution[] Acknowledged = [DiscrepancyResolution.Acknowledged];

    public static IReadOnlyList<DiscrepancyResolution> AllowedFor(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.Missing => Missing,
        DiscrepancyKind.Extra => Extra,
        DiscrepancyKind.Unknown => Unknown,
        DiscrepancyKind.Duplicate or DiscrepancyKind.CountMismatch => Acknowledged,
    };

    /// <summary>A tube that leaves the lab's hands, or is given up, is explained in a note.</summary>
    public static bool NeedsNote(this DiscrepancyResolution resolution) =>
        resolution is DiscrepancyResolution.Lost or DiscrepancyResolution.Returned or DiscrepancyResolution.Destroyed;

}

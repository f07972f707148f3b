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
    /// <param name="scanId">The scanner's id for this scan: sending the same scan again (a retry) changes nothing and answers the first outcome.</param>
    public ScanOutcome Scan(Guid scanId, Barcode barcode, Tube? tube, DateTimeOffset at, string by)
    {
        if (_scans.Find(s => s.ScanId == scanId) is { } earlier)
            return earlier.Barcode == barcode
                ? earlier.Outcome
                : throw new DomainException("scan-id-reused", $"Scan {scanId} was of {earlier.Barcode}, not {barcode}.");
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
        _scans.Add(new BoxScan(scanId, barcode, outcome, at.ToUniversalTime(), by));
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
        var received = _scans.Where(s => s.Outcome == ScanOutcome.Expected).Select(s => s.Barcode).ToHashSet();
        foreach (var missing in _tubes.Where(t => !received.Contains(t.Barcode)))
            _discrepancies.Add(new Discrepancy(DiscrepancyKind.Missing, missing.Barcode, "Packed in the box but not scanned at receipt."));
        foreach (var scan in _scans.Where(s => s.Outcome != ScanOutcome.Expected))
            _discrepancies.Add(scan.Outcome switch
            {
                ScanOutcome.Extra => new Discrepancy(DiscrepancyKind.Extra, scan.Barcode, "A registered tube that was not packed in this box."),
                ScanOutcome.Unknown => new Discrepancy(DiscrepancyKind.Unknown, scan.Barcode, "No registered tube carries this barcode."),
                ScanOutcome.Duplicate => new Discrepancy(DiscrepancyKind.Duplicate, scan.Barcode, "Scanned more than once."),
                ScanOutcome.Expected => throw new InvalidOperationException("unreachable"),
            });
        var distinct = _scans.Select(s => s.Barcode).Distinct().Count();
        if (distinct != DeclaredCount)
            _discrepancies.Add(new Discrepancy(DiscrepancyKind.CountMismatch, null,
                $"The box was declared with {DeclaredCount} tubes; {distinct} distinct barcodes were scanned."));
        Status = BoxStatus.Closed;
        ClosedAt = at.ToUniversalTime();
        ClosedBy = by;
        Version++;
        return Discrepancies;
    }
}

public sealed record PackedTube(TubeId TubeId, Barcode Barcode);

public sealed record BoxScan(Guid ScanId, Barcode Barcode, ScanOutcome Outcome, DateTimeOffset At, string By);

/// <summary>A difference found when a box was closed; it stays listed until someone resolves it.</summary>
public sealed record Discrepancy(DiscrepancyKind Kind, Barcode? Barcode, string Description);

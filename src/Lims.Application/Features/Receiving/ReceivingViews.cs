using Lims.Domain.Common;
using Lims.Domain.Receiving;

namespace Lims.Application.Features.Receiving;

/// <summary>A box with its reconciliation: <paramref name="Reconciled"/> once it is closed and every discrepancy is resolved.</summary>
/// <param name="Count">The counter: packed tubes matched of declared, the exceptions apart.</param>
public sealed record BoxView(
    string Barcode, int DeclaredCount, string Status, DateTimeOffset ShippedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Tubes, BoxCountView Count, IReadOnlyList<ScanView> Scans, IReadOnlyList<DiscrepancyView> Discrepancies,
    bool Reconciled, int OpenDiscrepancies)
{
    public static BoxView From(Box box) => new(
        box.Barcode.Value, box.DeclaredCount, box.Status.ToWire(), box.ShippedAt, box.ClosedAt,
        [.. box.Tubes.Select(t => t.Barcode.Value)], BoxCountView.From(box.Count()),
        [.. box.Scans.OrderBy(s => s.At).Select(s => new ScanView(s.ScanId, s.Barcode.Value, s.Outcome.ToWire(), s.At, s.By))],
        [.. box.Discrepancies.OrderBy(d => d.Number).Select(d => new DiscrepancyView(
            d.Number, d.Kind.ToWire(), d.Barcode?.Value, d.Description, d.Resolution?.ToWire(), d.ResolutionNote, d.ResolvedAt, d.ResolvedBy))],
        box.IsReconciled, box.OpenDiscrepancies);
}

public sealed record ScanView(Guid ScanId, string Barcode, string Outcome, DateTimeOffset At, string By);

/// <summary>A discrepancy; <paramref name="Resolution"/> and the rest are null while it is open.</summary>
public sealed record DiscrepancyView(
    int Number, string Kind, string? Barcode, string Description,
    string? Resolution, string? Note, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>
/// A box's counter (<see cref="BoxCount"/>): <paramref name="Matched"/> of <paramref name="Declared"/>, the exceptions apart;
/// <paramref name="Received"/> counts the extra tubes received and the missing ones found too.
/// </summary>
public sealed record BoxCountView(int Declared, int Matched, int Extra, int Unknown, int Duplicate, int Received)
{
    public static BoxCountView From(BoxCount c) => new(c.Declared, c.Matched, c.Extra, c.Unknown, c.Duplicate, c.Received);
}

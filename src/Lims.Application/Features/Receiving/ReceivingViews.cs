using Lims.Domain.Common;
using Lims.Domain.Receiving;

namespace Lims.Application.Features.Receiving;

/// <summary>A box with its reconciliation: <paramref name="Reconciled"/> once it is closed and every discrepancy is resolved.</summary>
public sealed record BoxView(
    string Barcode, int DeclaredCount, string Status, DateTimeOffset ShippedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Tubes, IReadOnlyList<ScanView> Scans, IReadOnlyList<DiscrepancyView> Discrepancies,
    bool Reconciled, int OpenDiscrepancies)
{
    public static BoxView From(Box box) => new(
        box.Barcode.Value, box.DeclaredCount, box.Status.ToWire(), box.ShippedAt, box.ClosedAt,
        [.. box.Tubes.Select(t => t.Barcode.Value)],
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

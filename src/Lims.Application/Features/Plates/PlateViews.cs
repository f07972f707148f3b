using Lims.Domain.Common;
using Lims.Domain.Plates;

namespace Lims.Application.Features.Plates;

/// <summary>A plate's layout: every well in use, the kit's controls included.</summary>
public sealed record PlateView(
    string Barcode, int Size, string Kit, string KitVersion, string FillOrder, string Status, DateTimeOffset? SealedAt, IReadOnlyList<PlateWellView> Wells)
{
    public static PlateView From(Plate p) => new(
        p.Barcode.Value, p.Size, p.KitCode, p.KitVersion, p.FillOrder.ToWire(), p.Status.ToWire(), p.SealedAt,
        [.. p.Wells.OrderBy(w => w.Position).Select(w => new PlateWellView(w.Position.ToString(), w.Role.ToWire(), w.Name, w.TubeBarcode?.Value))]);
}

public sealed record PlateWellView(string Well, string Role, string Name, string? Tube);

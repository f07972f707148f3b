using Lims.Domain.Labels;

namespace Lims.Infrastructure.Labels;

/// <summary>How labels are rendered.</summary>
public sealed record LabelOptions
{
    public static LabelOptions Default { get; } = new();

    /// <summary>Resolution of the Zebra printer (<see cref="PrinterDpi.Supported"/>); ZPL coordinates are in its dots.</summary>
    public int Dpi { get; init; } = PrinterDpi.Default;

    /// <summary>Print a QR code of the barcode on box and plate labels (tube labels have no room for one).</summary>
    public bool QrCode { get; init; } = true;
}

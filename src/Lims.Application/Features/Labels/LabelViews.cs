using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;

namespace Lims.Application.Features.Labels;

/// <summary>An issued range of barcodes.</summary>
public sealed record BarcodeRangeView(
    Guid Id, string Prefix, string Kind, long First, long Last, int Count, string FirstBarcode, string LastBarcode,
    DateTimeOffset IssuedAt, string IssuedBy, string? Purpose)
{
    public static BarcodeRangeView From(BarcodeAllocation a) => new(
        a.Id.Value, a.Prefix, a.Kind.ToWire(), a.First, a.Last, a.Count, a.FirstBarcode, a.LastBarcode, a.IssuedAt, a.IssuedBy, a.Purpose);
}

/// <summary>
/// Labels to print: of one kind, in one format (<c>zpl</c>, <c>svg</c> or <c>pdf</c>), for barcodes already checked.
/// The barcodes of a range are made as they are read, so a job of any size holds none of them.
/// </summary>
public sealed record LabelJob(LabelKind Kind, string Format, IReadOnlyList<Barcode> Barcodes, string Name);

/// <summary>The label formats on the wire; the renderer that writes them is the infrastructure's.</summary>
public static class LabelFormats
{
    public static readonly IReadOnlyList<string> All = ["zpl", "svg", "pdf"];

    public const string Message = "The format is zpl, svg or pdf.";

    public static bool IsFormat(string? format) => format is not null && All.Contains(format);
}

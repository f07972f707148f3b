using FluentValidation;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;

namespace Lims.Application.Features.Labels;

/// <summary>An issued range of barcodes.</summary>
/// <param name="Submitter">The code of the submitter the range was issued to, or null for the lab's own.</param>
public sealed record BarcodeRangeView(
    Guid Id, string Prefix, string Kind, long First, long Last, int Count, string FirstBarcode, string LastBarcode,
    DateTimeOffset IssuedAt, string IssuedBy, string? Purpose, string? Submitter)
{
    public static BarcodeRangeView From(BarcodeAllocation a, string? submitter) => new(
        a.Id.Value, a.Prefix, a.Kind.ToWire(), a.First, a.Last, a.Count, a.FirstBarcode, a.LastBarcode, a.IssuedAt, a.IssuedBy, a.Purpose, submitter);
}

/// <summary>
/// Labels to print: of one kind, in one format (<c>zpl</c>, <c>svg</c> or <c>pdf</c>), for barcodes already checked, at
/// the printer's <paramref name="Dpi"/> (ZPL's dots; SVG and PDF are drawn on a 600-dpi grid whatever it says).
/// The barcodes of a range are made as they are read, so a job of any size holds none of them.
/// </summary>
public sealed record LabelJob(LabelKind Kind, string Format, IReadOnlyList<Barcode> Barcodes, string Name, int Dpi = PrinterDpi.Default);

/// <summary>The label formats on the wire; the renderer that writes them is the infrastructure's.</summary>
public static class LabelFormats
{
    public static readonly IReadOnlyList<string> All = ["zpl", "svg", "pdf"];

    public const string Message = "The format is zpl, svg or pdf.";

    public static bool IsFormat(string? format) => format is not null && All.Contains(format);

    /// <summary>The printer resolution a label request asks for, if it is one a printer has (none asked: the default).</summary>
    public static void Dpi<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.Must(d => d is null || PrinterDpi.IsSupported(d.Value)).WithMessage((_, d) => PrinterDpi.Refusal(d!.Value)).OverridePropertyName("dpi");
}

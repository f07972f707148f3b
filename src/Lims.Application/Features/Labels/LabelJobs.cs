using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>
/// Labels to print: of one kind, in one format (<c>zpl</c>, <c>svg</c> or <c>pdf</c>), for barcodes already checked.
/// The barcodes of a range are made as they are read, so a job of any size holds none of them.
/// </summary>
public sealed record LabelJob(LabelKind Kind, string Format, IReadOnlyList<Barcode> Barcodes, string Name);

/// <summary>The labels of an issued range; null when there is no such range.</summary>
public sealed record GetBarcodeRangeLabels(Guid Id, string? Format) : IQuery<LabelJob?>;

public sealed class GetBarcodeRangeLabelsValidator : AbstractValidator<GetBarcodeRangeLabels>
{
    public GetBarcodeRangeLabelsValidator()
    {
        RuleFor(q => q.Format).Must(LabelKinds.IsFormat).WithMessage(LabelKinds.FormatMessage).OverridePropertyName("format");
    }
}

public sealed class GetBarcodeRangeLabelsHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRangeLabels, LabelJob?>
{
    public async ValueTask<LabelJob?> Handle(GetBarcodeRangeLabels query, CancellationToken cancellationToken)
    {
        var id = new BarcodeAllocationId(query.Id);
        var allocation = await db.BarcodeAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return allocation is null
            ? null
            : new LabelJob(allocation.Kind, query.Format!, allocation.Range, $"{allocation.FirstBarcode}-{allocation.LastBarcode}");
    }
}

/// <summary>
/// Labels for barcodes that exist already: reprints of tube labels, box and plate labels. Every barcode is checked
/// before anything is printed; the bad ones are answered with their index.
/// </summary>
public sealed record PrepareLabels(string? Kind, string? Format, IReadOnlyList<string?>? Barcodes) : IQuery<LabelJob>;

public sealed class PrepareLabelsValidator : AbstractValidator<PrepareLabels>
{
    public const int MaxLabels = 10_000;

    public PrepareLabelsValidator()
    {
        RuleFor(q => q.Kind).Must(k => LabelKinds.Parse(k) is not null).WithMessage("The kind is tube, box or plate.").OverridePropertyName("kind");
        RuleFor(q => q.Format).Must(LabelKinds.IsFormat).WithMessage(LabelKinds.FormatMessage).OverridePropertyName("format");
        RuleFor(q => q.Barcodes).NotNull().WithMessage("A 'barcodes' array is required.").OverridePropertyName("barcodes");
        RuleFor(q => q.Barcodes!.Count).InclusiveBetween(1, MaxLabels).When(q => q.Barcodes is not null)
            .WithMessage(q => $"A label job holds 1 to {MaxLabels:N0} barcodes; this one holds {q.Barcodes!.Count:N0}.").OverridePropertyName("barcodes");
        RuleForEach(q => q.Barcodes).Must(b => Barcode.TryCreate(b, out _, out _))
            .WithMessage((query, b) => Barcode.TryCreate(b, out _, out var error) ? "" : $"\"{b}\" is not a barcode: {error}")
            .When(q => q.Barcodes is { Count: <= MaxLabels })
            .OverridePropertyName("barcodes");
    }
}

public sealed class PrepareLabelsHandler : IQueryHandler<PrepareLabels, LabelJob>
{
    public ValueTask<LabelJob> Handle(PrepareLabels query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new LabelJob(
            LabelKinds.Parse(query.Kind)!.Value, query.Format!, [.. query.Barcodes!.Select(b => Barcode.Create(b))], "labels"));
}

/// <summary>The wire names of label kinds and formats.</summary>
public static class LabelKinds
{
    public static readonly IReadOnlyList<string> Formats = ["zpl", "svg", "pdf"];

    public const string FormatMessage = "The format is zpl, svg or pdf.";

    public static LabelKind? Parse(string? wire) => wire switch
    {
        "tube" => LabelKind.Tube,
        "box" => LabelKind.Box,
        "plate" => LabelKind.Plate,
        _ => null,
    };

    public static string Name(LabelKind kind) => kind switch
    {
        LabelKind.Tube => "tube",
        LabelKind.Box => "box",
        LabelKind.Plate => "plate",
    };

    public static bool IsFormat(string? format) => format is not null && Formats.Contains(format);
}

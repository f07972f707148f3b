using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Mediator;

namespace Lims.Application.Features.Labels;

/// <summary>
/// The labels of an issued range, for a printer of <paramref name="Dpi"/> (203 when not given). A submitter
/// (<paramref name="Submitter"/> set) gets only those of a range issued to it; any other range is not found.
/// </summary>
public sealed record GetBarcodeRangeLabels(Guid Id, string? Format, int? Dpi = null, SubmitterId? Submitter = null) : IQuery<LabelJob>;

public sealed class GetBarcodeRangeLabelsValidator : AbstractValidator<GetBarcodeRangeLabels>
{
    public GetBarcodeRangeLabelsValidator()
    {
        RuleFor(q => q.Format).Must(LabelFormats.IsFormat).WithMessage(LabelFormats.Message).OverridePropertyName("format");
        RuleFor(q => q.Dpi).Dpi();
    }
}

public sealed class GetBarcodeRangeLabelsHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRangeLabels, LabelJob>
{
    public async ValueTask<LabelJob> Handle(GetBarcodeRangeLabels query, CancellationToken cancellationToken)
    {
        var allocation = await BarcodeRangeViews.RangeAsync(db, query.Id, query.Submitter, cancellationToken);
        return new LabelJob(allocation.Kind, query.Format!, allocation.Range, $"{allocation.FirstBarcode}-{allocation.LastBarcode}", query.Dpi ?? PrinterDpi.Default);
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>The labels of an issued range.</summary>
public sealed record GetBarcodeRangeLabels(Guid Id, string? Format) : IQuery<LabelJob>;

public sealed class GetBarcodeRangeLabelsValidator : AbstractValidator<GetBarcodeRangeLabels>
{
    public GetBarcodeRangeLabelsValidator() =>
        RuleFor(q => q.Format).Must(LabelFormats.IsFormat).WithMessage(LabelFormats.Message).OverridePropertyName("format");
}

public sealed class GetBarcodeRangeLabelsHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRangeLabels, LabelJob>
{
    public async ValueTask<LabelJob> Handle(GetBarcodeRangeLabels query, CancellationToken cancellationToken)
    {
        var allocation = await db.BarcodeAllocations.AsNoTracking().BarcodeRangeAsync(query.Id, cancellationToken);
        return new LabelJob(allocation.Kind, query.Format!, allocation.Range, $"{allocation.FirstBarcode}-{allocation.LastBarcode}");
    }
}

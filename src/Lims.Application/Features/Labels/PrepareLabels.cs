using FluentValidation;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;
using Mediator;

namespace Lims.Application.Features.Labels;

/// <summary>
/// Labels for barcodes that exist already: reprints of tube labels, box and plate labels. Every barcode is checked
/// before anything is printed; the bad ones are answered with their index.
/// </summary>
public sealed record PrepareLabels(string? Kind, string? Format, IReadOnlyList<string?>? Barcodes, int? Dpi = null) : IQuery<LabelJob>;

public sealed class PrepareLabelsValidator : AbstractValidator<PrepareLabels>
{
    public const int MaxLabels = 10_000;

    public PrepareLabelsValidator()
    {
        RuleFor(q => q.Kind).Must(k => Wire.Parse<LabelKind>(k) is not null).WithMessage($"The kind is {Wire.OneOf<LabelKind>()}.").OverridePropertyName("kind");
        RuleFor(q => q.Format).Must(LabelFormats.IsFormat).WithMessage(LabelFormats.Message).OverridePropertyName("format");
        RuleFor(q => q.Dpi).Dpi();
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
            Wire.Parse<LabelKind>(query.Kind)!.Value, query.Format!, [.. query.Barcodes!.Select(b => Barcode.Create(b))], "labels", query.Dpi ?? PrinterDpi.Default));
}

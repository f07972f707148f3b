using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>
/// Issues a range of new barcodes for a prefix, right after the highest sequence number ever issued for it. Two
/// requests at the same moment for one prefix take turns (the prefix is locked until the transaction ends), so their
/// ranges follow one another; the unique index on (prefix, first sequence number) stays the last guard. With an
/// idempotency key, a retried request answers the range the key was first used for; the key with another request is a conflict.
/// A range issued to a <paramref name="Submitter"/> (its code) can be fetched by that submitter, with its labels.
/// </summary>
public sealed record IssueBarcodeRange(string? Prefix, int Count, string? Kind, string? Purpose, string? IdempotencyKey, string Actor, string? Submitter = null)
    : ICommand<IssuedBarcodeRange>;

public sealed record IssuedBarcodeRange(BarcodeRangeView Range, bool Replayed);

public sealed class IssueBarcodeRangeValidator : AbstractValidator<IssueBarcodeRange>
{
    public IssueBarcodeRangeValidator()
    {
        RuleFor(c => c.Prefix).Must(p => BarcodeRange.CheckPrefix(p) is null)
            .WithMessage(c => BarcodeRange.CheckPrefix(c.Prefix) ?? "").OverridePropertyName("prefix");
        RuleFor(c => c.Count).InclusiveBetween(1, BarcodeRange.MaxCount)
            .WithMessage(c => $"A range holds 1 to {BarcodeRange.MaxCount:N0} barcodes; {c.Count:N0} asked for.").OverridePropertyName("count");
        RuleFor(c => c.Kind).Must(k => k is null || Wire.Parse<LabelKind>(k) is not null)
            .WithMessage($"The kind is {Wire.OneOf<LabelKind>()}.").OverridePropertyName("kind");
        RuleFor(c => c.Purpose).MaximumLength(BarcodeAllocation.MaxPurposeLength).OverridePropertyName("purpose");
        RuleFor(c => c.Submitter).NotEmpty().When(c => c.Submitter is not null)
            .WithMessage("A range is issued to a submitter by its code; leave it out for the lab's own.").OverridePropertyName("submitter");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (!string.IsNullOrWhiteSpace(k) && k.Length <= BarcodeAllocation.MaxIdempotencyKeyLength))
            .WithMessage($"An Idempotency-Key has 1 to {BarcodeAllocation.MaxIdempotencyKeyLength} characters.").OverridePropertyName("Idempotency-Key");
    }
}

public sealed class IssueBarcodeRangeHandler(ILimsDbContext db, ITransactionLocks locks, TimeProvider time) : ICommandHandler<IssueBarcodeRange, IssuedBarcodeRange>
{
    public async ValueTask<IssuedBarcodeRange> Handle(IssueBarcodeRange command, CancellationToken cancellationToken)
    {
        var kind = command.Kind is null ? LabelKind.Tube : Wire.Parse<LabelKind>(command.Kind)!.Value;
        SubmitterId? submitter = null;
        if (command.Submitter is { } code)
            submitter = await db.Submitters.AsNoTracking().Where(s => s.Code == code.Trim()).Select(s => (SubmitterId?)s.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["submitter"] = [$"There is no submitter '{code.Trim()}'."] });
        var (allocation, replayed) = await BarcodeRanges.IssueAsync(
            db, locks, time, command.Prefix!, command.Count, kind, command.Purpose, command.IdempotencyKey, command.Actor, cancellationToken, submitter);
        if (replayed) return new IssuedBarcodeRange(await BarcodeRangeViews.ViewAsync(db, allocation, cancellationToken), true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (command.IdempotencyKey is { } key)
        {
            // The same key, sent for another prefix at the same moment, was taken first: answer as the key's range decides.
            db.ChangeTracker.Clear();
            var earlier = await BarcodeRanges.EarlierAsync(db, key, command.Prefix!, command.Count, kind, command.Purpose, submitter, cancellationToken);
            if (earlier is null) throw;
            return new IssuedBarcodeRange(await BarcodeRangeViews.ViewAsync(db, earlier, cancellationToken), true);
        }
        return new IssuedBarcodeRange(await BarcodeRangeViews.ViewAsync(db, allocation, cancellationToken), false);
    }
}

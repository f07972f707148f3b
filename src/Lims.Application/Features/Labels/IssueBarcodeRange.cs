using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>
/// Issues a range of new barcodes for a prefix, right after the highest sequence number ever issued for it. Two
/// requests at the same moment both read the same highest number; the unique index on (prefix, first sequence number)
/// lets one of them in, and the other reads again and takes the next range. With an idempotency key, a retried
/// request answers the range the key was first used for; the key with another request is a conflict.
/// </summary>
public sealed record IssueBarcodeRange(string? Prefix, int Count, string? Kind, string? Purpose, string? IdempotencyKey, string Actor)
    : ICommand<IssuedBarcodeRange>;

public sealed record IssuedBarcodeRange(BarcodeRangeView Range, bool Replayed);

public sealed record BarcodeRangeView(
    Guid Id, string Prefix, string Kind, long First, long Last, int Count, string FirstBarcode, string LastBarcode,
    DateTimeOffset IssuedAt, string IssuedBy, string? Purpose)
{
    public static BarcodeRangeView From(BarcodeAllocation a) => new(
        a.Id.Value, a.Prefix, LabelKinds.Name(a.Kind), a.First, a.Last, a.Count, a.FirstBarcode, a.LastBarcode, a.IssuedAt, a.IssuedBy, a.Purpose);
}

public sealed class IssueBarcodeRangeValidator : AbstractValidator<IssueBarcodeRange>
{
    public IssueBarcodeRangeValidator()
    {
        RuleFor(c => c.Prefix).Must(p => BarcodeRange.CheckPrefix(p) is null)
            .WithMessage(c => BarcodeRange.CheckPrefix(c.Prefix) ?? "").OverridePropertyName("prefix");
        RuleFor(c => c.Count).InclusiveBetween(1, BarcodeRange.MaxCount)
            .WithMessage(c => $"A range holds 1 to {BarcodeRange.MaxCount:N0} barcodes; {c.Count:N0} asked for.").OverridePropertyName("count");
        RuleFor(c => c.Kind).Must(k => k is null || LabelKinds.Parse(k) is not null)
            .WithMessage("The kind is tube, box or plate.").OverridePropertyName("kind");
        RuleFor(c => c.Purpose).MaximumLength(BarcodeAllocation.MaxPurposeLength).OverridePropertyName("purpose");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (!string.IsNullOrWhiteSpace(k) && k.Length <= BarcodeAllocation.MaxIdempotencyKeyLength))
            .WithMessage($"An Idempotency-Key has 1 to {BarcodeAllocation.MaxIdempotencyKeyLength} characters.").OverridePropertyName("Idempotency-Key");
    }
}

public sealed class IssueBarcodeRangeHandler(ILimsDbContext db, ITransactionLocks locks, TimeProvider time) : ICommandHandler<IssueBarcodeRange, IssuedBarcodeRange>
{
    public async ValueTask<IssuedBarcodeRange> Handle(IssueBarcodeRange command, CancellationToken cancellationToken)
    {
        var kind = command.Kind is null ? LabelKind.Tube : LabelKinds.Parse(command.Kind)!.Value;
        var (allocation, replayed) = await BarcodeRanges.IssueAsync(
            db, locks, time, command.Prefix!, command.Count, kind, command.Purpose, command.IdempotencyKey, command.Actor, cancellationToken);
        if (replayed) return new IssuedBarcodeRange(BarcodeRangeView.From(allocation), true);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (command.IdempotencyKey is { } key)
        {
            // The same key, sent for another prefix at the same moment, was taken first: answer as the key's range decides.
            db.ChangeTracker.Clear();
            var earlier = await BarcodeRanges.EarlierAsync(db, key, command.Prefix!, command.Count, kind, command.Purpose, cancellationToken);
            if (earlier is null) throw;
            return new IssuedBarcodeRange(BarcodeRangeView.From(earlier), true);
        }
        return new IssuedBarcodeRange(BarcodeRangeView.From(allocation), false);
    }
}

/// <summary>
/// Issuing a range, for every use case that needs new barcodes (a lab's label run, a recall's tube orders), in the
/// caller's transaction: the prefix is locked until it ends, so two issues of one prefix follow one another instead of
/// racing for the same start, and the range joins the caller's unit of work (its save writes it, with the audit trail).
/// </summary>
internal static class BarcodeRanges
{
    /// <summary>The next range of the prefix, added to the unit of work; with an idempotency key already used for the same request, that range (Replayed).</summary>
    public static async Task<(BarcodeAllocation Allocation, bool Replayed)> IssueAsync(
        ILimsDbContext db, ITransactionLocks locks, TimeProvider time, string prefix, int count, LabelKind kind, string? purpose, string? idempotencyKey,
        string actor, CancellationToken cancellationToken)
    {
        await locks.TakeAsync("barcode-range:" + prefix, cancellationToken);
        if (idempotencyKey is { } key && await EarlierAsync(db, key, prefix, count, kind, purpose, cancellationToken) is { } earlier) return (earlier, true);

        // Ranges of a prefix follow one another, so the one that starts last also ends last; ranges this unit of work
        // issued already (a recall pass orders several) count too.
        var stored = await db.BarcodeAllocations.AsNoTracking()
            .Where(a => a.Prefix == prefix).OrderByDescending(a => a.First).Select(a => (long?)a.Last)
            .FirstOrDefaultAsync(cancellationToken);
        var pending = db.BarcodeAllocations.Local.Where(a => a.Prefix == prefix).Select(a => (long?)a.Last).Max();
        var highest = pending > stored || stored is null ? pending : stored;
        var allocation = BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, highest, count, kind, time.GetUtcNow(), actor, purpose, idempotencyKey);
        db.BarcodeAllocations.Add(allocation);
        return (allocation, false);
    }

    /// <summary>The range an idempotency key was used for, when it was for the same request; null when the key is new.</summary>
    public static async Task<BarcodeAllocation?> EarlierAsync(
        ILimsDbContext db, string key, string prefix, int count, LabelKind kind, string? purpose, CancellationToken cancellationToken)
    {
        var earlier = await db.BarcodeAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.IdempotencyKey == key, cancellationToken);
        return earlier is null || earlier.IsSameRequest(prefix, count, kind, purpose)
            ? earlier
            : throw new ConflictException("idempotency-key-reused",
                $"Idempotency key '{key}' was already used for another range ({earlier.Count} {earlier.Kind.ToWire()} barcodes of {earlier.Prefix}, {earlier.Id}).");
    }
}

/// <summary>One issued range, or null.</summary>
public sealed record GetBarcodeRange(Guid Id) : IQuery<BarcodeRangeView?>;

public sealed class GetBarcodeRangeHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRange, BarcodeRangeView?>
{
    public async ValueTask<BarcodeRangeView?> Handle(GetBarcodeRange query, CancellationToken cancellationToken)
    {
        var id = new BarcodeAllocationId(query.Id);
        var allocation = await db.BarcodeAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return allocation is null ? null : BarcodeRangeView.From(allocation);
    }
}

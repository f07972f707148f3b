using System.Text.Json;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Batches;

/// <summary>
/// A hospital's batch of tubes. Good tubes are registered, bad ones are answered with every
/// reason; the same idempotency key and body answer the same receipt again without writing.
/// </summary>
/// <param name="RequestHash">SHA-256 of the request body as received.</param>
public sealed record RegisterBatch(SubmitterId Submitter, string Actor, string IdempotencyKey, byte[] RequestHash, BatchRequest Batch)
    : ICommand<RegisterBatchResult>, INonTransactional;

public sealed record RegisterBatchResult(BatchReceipt Receipt, bool Replayed);

public sealed class RegisterBatchValidator : AbstractValidator<RegisterBatch>
{
    public const int MaxTubes = 10_000;
    public const int MaxReferenceLength = 100;

    public RegisterBatchValidator()
    {
        RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(Submission.MaxIdempotencyKeyLength)
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"An Idempotency-Key header of 1 to {Submission.MaxIdempotencyKeyLength} characters is required.");
        RuleFor(c => c.Batch.Reference).MaximumLength(MaxReferenceLength).OverridePropertyName("reference");
        RuleFor(c => c.Batch.Tubes).NotNull().WithMessage("A batch holds a 'tubes' array.").OverridePropertyName("tubes");
        RuleFor(c => c.Batch.Tubes!.Count).InclusiveBetween(1, MaxTubes).When(c => c.Batch.Tubes is not null)
            .WithMessage(c => $"A batch holds 1 to {MaxTubes:N0} tubes; this one holds {c.Batch.Tubes!.Count:N0}.").OverridePropertyName("tubes");
    }
}

public sealed class RegisterBatchHandler(IBatchRegistrationWriter writer, ILimsDbContext db, IPersonIdProtector protector, TimeProvider time)
    : ICommandHandler<RegisterBatch, RegisterBatchResult>
{
    /// <summary>A refused tube's barcode is answered up to this many characters (a barcode has at most 32).</summary>
    public const int MaxEchoedBarcode = 64;

    public async ValueTask<RegisterBatchResult> Handle(RegisterBatch command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var submission = Submission.Receive(SubmissionId.New(), command.Submitter, command.IdempotencyKey, command.RequestHash, command.Batch.Reference, now);
        var requests = command.Batch.Tubes!;
        var rejected = new List<TubeRejection>();
        var tubes = new List<Tube>(requests.Count);
        var tubeIndexes = new List<int>(requests.Count);

        var duplicates = DuplicateBarcodes(requests);
        var errors = new List<FieldError>();
        for (var i = 0; i < requests.Count; i++)
        {
            errors.Clear();
            var request = requests[i];
            var valid = TubeRequestValidator.Validate(request, now, errors);
            if (request?.Barcode is { } code && duplicates.Contains(code))
                errors.Add(new("barcode", $"Barcode {WireText.Quote(code, quotes: false)} appears more than once in this batch."));
            if (errors.Count > 0 || valid is null)
            {
                // The barcode as sent, so the hospital can match the answer, but never a huge input echoed back.
                rejected.Add(new TubeRejection(i, request?.Barcode is { } sent ? WireText.Cap(sent, MaxEchoedBarcode) : null, [.. errors]));
                continue;
            }
            var members = new MemberDraft[valid.Members.Count];
            for (var m = 0; m < members.Length; m++)
            {
                var member = valid.Members[m];
                members[m] = new MemberDraft(protector.Protect(member.Id), member.Name, member.Phone, member.PatientId, member.PatientIdSystem);
            }
            tubes.Add(Tube.Register(TubeId.New(), valid.Barcode, valid.Kind, valid.Capacity, command.Submitter, submission.Id,
                valid.CollectedAt, valid.Site, valid.Priority, members, now, command.Actor));
            tubeIndexes.Add(i);
        }

        await RefuseOrdersOfOthersAsync(command.Submitter, tubes, tubeIndexes, rejected, cancellationToken);

        BatchReceipt? receipt = null;
        var written = await writer.WriteAsync(submission, tubes, alreadyRegistered =>
        {
            foreach (var position in alreadyRegistered)
            {
                var tube = tubes[position];
                rejected.Add(new TubeRejection(tubeIndexes[position], tube.Barcode.Value,
                    [new FieldError("barcode", $"Barcode {tube.Barcode} is already registered.")]));
            }
            rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
            receipt = new BatchReceipt(submission.Id.Value, tubes.Count - alreadyRegistered.Count, rejected);
            submission.Complete(receipt.Accepted, rejected.Count, JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web));
        }, cancellationToken);

        if (written) return new RegisterBatchResult(receipt!, false);

        var earlier = await db.Submissions.AsNoTracking()
            .SingleAsync(s => s.SubmitterId == command.Submitter && s.IdempotencyKey == command.IdempotencyKey, cancellationToken);
        if (!earlier.IsSameRequest(command.RequestHash))
            throw new ConflictException("idempotency-key-reused",
                $"Idempotency-Key '{command.IdempotencyKey}' was already used for a different batch ({earlier.Id}).");
        return new RegisterBatchResult(JsonSerializer.Deserialize<BatchReceipt>(earlier.Receipt, JsonSerializerOptions.Web)!, true);
    }

    /// <summary>Order barcodes looked up per query (SQL Server takes at most 2,100 parameters; EF pads lists of parameters).</summary>
    private const int OrderChunk = 500;

    /// <summary>
    /// A barcode a recall ordered for one member of a positive pool is that member's single tube: a tube registered with
    /// it must be a single tube of the same person (their keyed id hash), of the recall's submitter. Any other is refused
    /// on <c>members</c> (on <c>barcode</c> for another submitter's order), so a case can never close with a member untested.
    /// </summary>
    private async Task RefuseOrdersOfOthersAsync(
        SubmitterId submitter, List<Tube> tubes, List<int> tubeIndexes, List<TubeRejection> rejected, CancellationToken cancellationToken)
    {
        var orders = new Dictionary<Barcode, (SubmitterId Submitter, Barcode Pool, int Position, string Masked, byte[] Hash)>();
        foreach (var chunk in tubes.Select(t => t.Barcode).Chunk(OrderChunk))
        {
            var found = await db.RecallCases.AsNoTracking()
                .SelectMany(c => c.Members.Where(m => chunk.Contains(m.OrderBarcode)),
                    (c, m) => new { m.OrderBarcode, c.SubmitterId, c.PoolBarcode, m.Position, m.PersonMasked, m.PersonLookupHash })
                .ToListAsync(cancellationToken);
            foreach (var o in found) orders[o.OrderBarcode] = (o.SubmitterId, o.PoolBarcode, o.Position, o.PersonMasked, o.PersonLookupHash);
        }
        if (orders.Count == 0) return;
        for (var i = tubes.Count - 1; i >= 0; i--)
        {
            var tube = tubes[i];
            if (!orders.TryGetValue(tube.Barcode, out var order)) continue;
            FieldError? error = order.Submitter != submitter
                ? new("barcode", $"Barcode {tube.Barcode} is reserved: it was issued for a recall of another submitter.")
                : tube.Kind != TubeKind.Single || tube.Members.Count != 1 || !tube.Members[0].Person.LookupHash.AsSpan().SequenceEqual(order.Hash)
                    ? new("members", $"Tube {tube.Barcode} was ordered by the recall of pool {order.Pool} for its member {order.Position} ({order.Masked}): "
                        + "it must be a single tube of that person, not of another.")
                    : null;
            if (error is null) continue;
            rejected.Add(new TubeRejection(tubeIndexes[i], tube.Barcode.Value, [error]));
            tubes.RemoveAt(i);
            tubeIndexes.RemoveAt(i);
        }
    }

    private static HashSet<string> DuplicateBarcodes(IReadOnlyList<TubeRequest?> requests)
    {
        var seen = new HashSet<string>(requests.Count, StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
            if (request?.Barcode is { } code && !seen.Add(code)) duplicates.Add(code);
        return duplicates;
    }
}

using System.Security.Cryptography;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Submitters;
using Lims.Domain.Common;
using Mediator;

namespace Lims.Application.Features.Batches;

/// <summary>
/// A batch sent as an HL7 FHIR R4 transaction Bundle. It is read into the same <see cref="BatchRequest"/> as the
/// JSON batch and registered by <see cref="RegisterBatch"/>, so the rules, the idempotency (the same key and body
/// bytes answer the same receipt) and the per-tube answer are the same; the answer is a transaction-response Bundle.
/// </summary>
/// <param name="Bundle">The request body as received.</param>
public sealed record RegisterFhirBatch(SubmitterId Submitter, string Actor, string IdempotencyKey, byte[] Bundle)
    : ICommand<RegisterFhirBatchResult>, INonTransactional;

/// <param name="Answer">The transaction-response Bundle as FHIR JSON (UTF-8).</param>
/// <param name="Replayed">True when the key and body had been sent before: the earlier receipt, nothing written.</param>
public sealed record RegisterFhirBatchResult(Guid BatchId, byte[] Answer, bool Replayed);

public sealed class RegisterFhirBatchValidator : AbstractValidator<RegisterFhirBatch>
{
    public RegisterFhirBatchValidator()
    {
        // Checked before the Bundle is read, with the JSON batch's words.
        RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(Submission.MaxIdempotencyKeyLength)
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"An Idempotency-Key header of 1 to {Submission.MaxIdempotencyKeyLength} characters is required.");
    }
}

public sealed class RegisterFhirBatchHandler(IFhirBatchReader reader, ISender sender) : ICommandHandler<RegisterFhirBatch, RegisterFhirBatchResult>
{
    public async ValueTask<RegisterFhirBatchResult> Handle(RegisterFhirBatch command, CancellationToken cancellationToken)
    {
        var batch = reader.Read(command.Bundle);
        var registered = await sender.Send(
            new RegisterBatch(command.Submitter, command.Actor, command.IdempotencyKey, SHA256.HashData(command.Bundle), batch.Batch), cancellationToken);
        return new RegisterFhirBatchResult(registered.Receipt.BatchId, batch.Answer(registered.Receipt), registered.Replayed);
    }
}

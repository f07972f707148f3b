using Lims.Domain.Common;

namespace Lims.Domain.Submitters;

/// <summary>
/// One batch sent by a submitter. The idempotency key makes a retried batch land once; the
/// receipt it answered with is kept so a retry gets the same answer.
/// </summary>
public sealed class Submission
{
    public const int MaxIdempotencyKeyLength = 128;

    private Submission() { }

    public SubmissionId Id { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>SHA-256 of the request body: the same key with another body is a conflict.</summary>
    public byte[] RequestHash { get; private set; } = [];
    public string? Reference { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public int Accepted { get; private set; }
    public int Rejected { get; private set; }
    /// <summary>The answer given the first time, replayed on retries.</summary>
    public string Receipt { get; private set; } = "";

    public static Submission Receive(SubmissionId id, SubmitterId submitter, string idempotencyKey, byte[] requestHash, string? reference, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength)
            throw new DomainException("invalid-idempotency-key", $"An Idempotency-Key has 1 to {MaxIdempotencyKeyLength} characters.");
        return new Submission
        {
            Id = id,
            SubmitterId = submitter,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            Reference = reference,
            ReceivedAt = at,
        };
    }

    public bool IsSameRequest(ReadOnlySpan<byte> requestHash) => RequestHash.AsSpan().SequenceEqual(requestHash);

    public void Complete(int accepted, int rejected, string receipt)
    {
        Accepted = accepted;
        Rejected = rejected;
        Receipt = receipt;
    }
}

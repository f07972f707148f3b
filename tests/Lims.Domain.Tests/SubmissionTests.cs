using Lims.Domain.Common;
using Lims.Domain.Submitters;

namespace Lims.Domain.Tests;

public sealed class SubmissionTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly byte[] Hash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private static Submission Receive(string key, byte[]? hash = null) =>
        Submission.Receive(SubmissionId.New(), SubmitterId.New(), key, hash ?? Hash, "batch-17", Now);

    [Theory]
    [InlineData(1)]
    [InlineData(36)]
    [InlineData(128)]
    public void Idempotency_key_of_1_to_128_characters_is_accepted(int length)
    {
        var key = new string('k', length);

        Assert.Equal(key, Receive(key).IdempotencyKey);
    }

    [Fact]
    public void The_key_length_limit_is_128()
    {
        Assert.Equal(128, Submission.MaxIdempotencyKeyLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Missing_idempotency_key_is_rejected(string? key)
    {
        var ex = Assert.Throws<DomainException>(() => Receive(key!));

        Assert.Equal("invalid-idempotency-key", ex.Code);
    }

    [Theory]
    [InlineData(129)]
    [InlineData(1000)]
    public void Idempotency_key_over_128_characters_is_rejected(int length)
    {
        var ex = Assert.Throws<DomainException>(() => Receive(new string('k', length)));

        Assert.Equal("invalid-idempotency-key", ex.Code);
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_keeps_what_it_was_given_and_has_no_receipt_yet()
    {
        var id = SubmissionId.New();
        var submitter = SubmitterId.New();

        var submission = Submission.Receive(id, submitter, "3f0c9b5e-key", Hash, "batch-17", Now);

        Assert.Equal(id, submission.Id);
        Assert.Equal(submitter, submission.SubmitterId);
        Assert.Equal("3f0c9b5e-key", submission.IdempotencyKey);
        Assert.Equal(Hash, submission.RequestHash);
        Assert.Equal("batch-17", submission.Reference);
        Assert.Equal(Now, submission.ReceivedAt);
        Assert.Equal(0, submission.Accepted);
        Assert.Equal(0, submission.Rejected);
        Assert.Equal("", submission.Receipt);
    }

    [Fact]
    public void Reference_is_optional()
    {
        var submission = Submission.Receive(SubmissionId.New(), SubmitterId.New(), "key", Hash, null, Now);

        Assert.Null(submission.Reference);
    }

    [Fact]
    public void The_same_body_hash_is_the_same_request()
    {
        var submission = Receive("key");

        Assert.True(submission.IsSameRequest([.. Hash]));
    }

    [Fact]
    public void A_hash_differing_in_any_byte_is_another_request()
    {
        var submission = Receive("key");
        for (var i = 0; i < Hash.Length; i++)
        {
            var other = Hash.ToArray();
            other[i] ^= 0x01;
            Assert.False(submission.IsSameRequest(other), $"byte {i}");
        }
    }

    [Fact]
    public void A_shorter_or_longer_hash_is_another_request()
    {
        var submission = Receive("key");

        Assert.False(submission.IsSameRequest(Hash.AsSpan(0, 31)));
        Assert.False(submission.IsSameRequest([.. Hash, 0]));
        Assert.False(submission.IsSameRequest([]));
    }

    [Fact]
    public void Complete_records_the_counts_and_the_receipt_to_replay()
    {
        var submission = Receive("key");

        submission.Complete(18, 2, """{"accepted":18,"rejected":2}""");

        Assert.Equal(18, submission.Accepted);
        Assert.Equal(2, submission.Rejected);
        Assert.Equal("""{"accepted":18,"rejected":2}""", submission.Receipt);
    }
}

using Lims.Domain.Common;

namespace Lims.Domain.Submitters;

/// <summary>
/// A submitter's credential for the batch API. Only the SHA-256 of the key is kept: keys are
/// 256-bit random values, so a fast hash is enough and the key itself is shown exactly once.
/// </summary>
public sealed class ApiKey
{
    private ApiKey() { }

    public Guid Id { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public byte[] Hash { get; private set; } = [];
    /// <summary>The first characters of the key, so people can tell keys apart without the secret.</summary>
    public string Prefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiKey Issue(SubmitterId submitter, byte[] hash, string prefix, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), SubmitterId = submitter, Hash = hash, Prefix = prefix, CreatedAt = at };

    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainException("already-revoked", $"API key {Prefix}… is already revoked.");
        RevokedAt = at;
    }
}

using Lims.Domain.Common;

namespace Lims.Domain.Submitters;

public enum ApiKeyRole
{
    /// <summary>A hospital or collection site: submits batches and boxes, reads its own tubes.</summary>
    Submitter,
    /// <summary>A lab bench station (scanner, instrument PC): receives boxes, rejects tubes. Stands in for staff sign-in until it exists.</summary>
    LabStation,
}

/// <summary>
/// A credential for the API: a submitter's, or a lab station's. Only the SHA-256 of the key is kept: keys are
/// 256-bit random values, so a fast hash is enough and the key itself is shown exactly once.
/// </summary>
public sealed class ApiKey
{
    private ApiKey() { }

    public Guid Id { get; private set; }
    public ApiKeyRole Role { get; private set; }
    /// <summary>The submitter a submitter key belongs to; none for a lab station.</summary>
    public SubmitterId? SubmitterId { get; private set; }
    /// <summary>The lab station's name, recorded as who did each action; none for a submitter.</summary>
    public string? Station { get; private set; }
    public byte[] Hash { get; private set; } = [];
    /// <summary>The first characters of the key, so people can tell keys apart without the secret.</summary>
    public string Prefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiKey Issue(SubmitterId submitter, byte[] hash, string prefix, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), Role = ApiKeyRole.Submitter, SubmitterId = submitter, Hash = hash, Prefix = prefix, CreatedAt = at };

    public static ApiKey IssueForStation(string station, byte[] hash, string prefix, DateTimeOffset at)
    {
        if (!Submitter.IsValidCode(station))
            throw new DomainException("invalid-station", "A station name has 2–32 lowercase letters, digits or dashes.");
        return new() { Id = Guid.CreateVersion7(), Role = ApiKeyRole.LabStation, Station = station, Hash = hash, Prefix = prefix, CreatedAt = at };
    }

    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainException("already-revoked", $"API key {Prefix}… is already revoked.");
        RevokedAt = at;
    }
}

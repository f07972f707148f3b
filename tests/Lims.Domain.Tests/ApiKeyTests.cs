using Lims.Domain.Common;
using Lims.Domain.Submitters;

namespace Lims.Domain.Tests;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly byte[] KeyHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];

    [Fact]
    public void Issue_keeps_the_hash_and_prefix_and_is_not_revoked()
    {
        var submitter = SubmitterId.New();

        var key = ApiKey.Issue(submitter, KeyHash, "lims_3fA9", Now);

        Assert.NotEqual(Guid.Empty, key.Id);
        Assert.Equal(submitter, key.SubmitterId);
        Assert.Equal(KeyHash, key.Hash);
        Assert.Equal("lims_3fA9", key.Prefix);
        Assert.Equal(Now, key.CreatedAt);
        Assert.Null(key.RevokedAt);
    }

    [Fact]
    public void Each_issued_key_gets_its_own_id()
    {
        var submitter = SubmitterId.New();

        Assert.NotEqual(ApiKey.Issue(submitter, KeyHash, "a", Now).Id, ApiKey.Issue(submitter, KeyHash, "a", Now).Id);
    }

    [Fact]
    public void Revoke_records_when()
    {
        var key = ApiKey.Issue(SubmitterId.New(), KeyHash, "lims_3fA9", Now);

        key.Revoke(Now.AddDays(3));

        Assert.Equal(Now.AddDays(3), key.RevokedAt);
    }

    [Fact]
    public void Revoking_twice_is_refused_and_keeps_the_first_time()
    {
        var key = ApiKey.Issue(SubmitterId.New(), KeyHash, "lims_3fA9", Now);
        key.Revoke(Now.AddDays(3));

        var ex = Assert.Throws<DomainException>(() => key.Revoke(Now.AddDays(4)));

        Assert.Equal("already-revoked", ex.Code);
        Assert.Contains("lims_3fA9", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(3), key.RevokedAt);
    }
}

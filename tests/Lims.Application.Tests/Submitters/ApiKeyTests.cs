using System.Security.Cryptography;
using System.Text;
using Lims.Application.Features.Submitters;
using Lims.Domain.Submitters;

namespace Lims.Application.Tests.Submitters;

/// <summary>Submitters and their API keys: a key authenticates its submitter or station, only its hash is kept, and a revoked or unknown key is nobody.</summary>
public abstract class ApiKeyTests(LimsApp app)
{
    [Fact]
    public async Task An_issued_key_authenticates_as_its_submitter_and_only_its_hash_is_kept()
    {
        var hospital = await app.SubmitterAsync();
        var code = await CodeAsync(hospital);

        var issued = await app.SendAsync(new CreateApiKey(code));
        var principal = await app.SendAsync(new AuthenticateApiKey(issued.Key));

        Assert.StartsWith("lims_", issued.Key, StringComparison.Ordinal);
        Assert.Equal((code, issued.Key[..10]), (issued.SubmitterCode, issued.Prefix));
        Assert.Equal(new ApiPrincipal(ApiKeyRole.Submitter, hospital, code), principal);
        var stored = Assert.Single(await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.SubmitterId == hospital).ToListAsync()));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Key)), stored.Hash);
        Assert.Equal((issued.Prefix, app.Clock.Now, null), (stored.Prefix, stored.CreatedAt, stored.RevokedAt));
    }

    [Fact]
    public async Task A_revoked_or_unknown_key_authenticates_as_nobody_and_the_submitters_other_keys_still_work()
    {
        var hospital = await app.SubmitterAsync();
        var code = await CodeAsync(hospital);
        var (revoked, kept) = (await app.SendAsync(new CreateApiKey(code)), await app.SendAsync(new CreateApiKey(code)));
        await app.WithDbAsync(async db =>
        {
            (await db.ApiKeys.SingleAsync(k => k.Prefix == revoked.Prefix && k.SubmitterId == hospital)).Revoke(app.Clock.Now);
            return await db.SaveChangesAsync();
        });

        Assert.Null(await app.SendAsync(new AuthenticateApiKey(revoked.Key)));
        Assert.Null(await app.SendAsync(new AuthenticateApiKey(ApiKeys.Generate())));
        Assert.Null(await app.SendAsync(new AuthenticateApiKey(kept.Key[..^1])));
        Assert.Equal(hospital, (await app.SendAsync(new AuthenticateApiKey(kept.Key)))!.SubmitterId);
    }

    [Fact]
    public async Task A_station_key_authenticates_as_the_lab_station_it_was_issued_for()
    {
        var station = "bench-" + Guid.NewGuid().ToString("N")[..6];

        var issued = await app.SendAsync(new CreateStationApiKey(station));

        Assert.Equal(new ApiPrincipal(ApiKeyRole.LabStation, null, station), await app.SendAsync(new AuthenticateApiKey(issued.Key)));
        Assert.Equal(["station"], (await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreateStationApiKey("Bench 9")))).Errors.Keys);
    }

    [Fact]
    public async Task A_key_for_a_submitter_that_does_not_exist_is_not_found_and_none_is_stored()
    {
        var before = await app.WithDbAsync(db => db.ApiKeys.CountAsync());

        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new CreateApiKey("no-such-hospital")));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreateApiKey("")));

        Assert.Contains("no-such-hospital", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(["submitter"], empty.Errors.Keys);
        Assert.Equal(before, await app.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task A_submitter_code_is_taken_once_and_must_follow_the_rules()
    {
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var created = await app.SendAsync(new CreateSubmitter(code, "Hospital 7", SubmitterKind.Hospital));

        var twice = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new CreateSubmitter(code, "Another", SubmitterKind.CollectionSite)));
        var bad = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreateSubmitter("Hospital 7", "", SubmitterKind.Hospital)));

        Assert.Equal((code, "Hospital 7", "hospital"), (created.Code, created.Name, created.Kind));
        Assert.Equal("submitter-exists", twice.Code);
        Assert.Equal(["code", "name"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Submitters.CountAsync(s => s.Code == code)));
    }

    private Task<string> CodeAsync(SubmitterId submitter) =>
        app.WithDbAsync(db => db.Submitters.AsNoTracking().Where(s => s.Id == submitter).Select(s => s.Code).SingleAsync());
}

public sealed class SqliteApiKeyTests(SqliteApp fixture) : ApiKeyTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlApiKeyTests(PostgreSqlApp fixture) : ApiKeyTests(fixture.App), IClassFixture<PostgreSqlApp>;

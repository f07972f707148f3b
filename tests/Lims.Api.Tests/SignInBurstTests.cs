using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// A burst of wrong passwords for one account, sent at once from one address (the limits per address and name raised out
/// of the way): every attempt is counted, no more passwords are checked than the lockout allows, nothing fails with a
/// server error, and the other writers of the lab — a hospital's batch — go on meanwhile.
/// </summary>
public abstract class SignInBurstTests(LimsApiFactory api)
{
    public static readonly IReadOnlyDictionary<string, string> Unlimited = new Dictionary<string, string>
    {
        ["Lims:Staff:SignInsPerMinute"] = "10000",
        ["Lims:Staff:SignInsPerAccountPerMinute"] = "10000",
    };

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Parallel_wrong_passwords_each_count_lock_the_account_after_five_and_stall_no_other_writer(int guesses)
    {
        var technician = await api.StaffClientAsync("technician");
        var hospital = await api.ClientForNewSubmitterAsync();
        var attacker = api.ClientFrom(LimsApiFactory.NewAddress());
        var watch = Stopwatch.StartNew();

        var attempts = Enumerable.Range(0, guesses)
            .Select(i => attacker.PostAsJsonAsync("/api/v1/auth/login", new { userName = technician.UserName, password = "wrong password " + i }))
            .ToList();
        var batch = hospital.SendAsync(Post(Batch(Tube(NewBarcode()))));
        var answers = await Task.WhenAll(attempts);
        var registered = await batch;

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the burst took {watch.Elapsed.TotalSeconds:F1} s");
        var reasons = await api.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "staff-user" && e.EntityId == technician.UserName && e.Action == "signed-in-refused").Select(e => e.Reason).ToListAsync());
        // Every attempt is recorded; at most five passwords were checked, the rest refused unchecked on a locked account.
        Assert.Equal(guesses, reasons.Count);
        Assert.Equal((Math.Min(guesses, 5), Math.Max(0, guesses - 5)), (reasons.Count(r => r == "wrong-credentials"), reasons.Count(r => r == "locked-out")));
        var locked = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { userName = technician.UserName, password = technician.Password });
        Assert.Equal(guesses >= 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, locked.StatusCode);
    }
}

public sealed class SqliteBurstApi : ApiFixture
{
    protected override Task<LimsApiFactory> CreateAsync() => LimsApiFactory.CreateAsync(DatabaseProvider.Sqlite, settings: SignInBurstTests.Unlimited);
}

public sealed class PostgreSqlBurstApi : ApiFixture
{
    protected override async Task<LimsApiFactory> CreateAsync() =>
        await LimsApiFactory.CreateAsync(DatabaseProvider.PostgreSql, await PostgresServer.SharedAsync(), SignInBurstTests.Unlimited);
}

public sealed class SqliteSignInBurstTests(SqliteBurstApi fixture) : SignInBurstTests(fixture.Api), IClassFixture<SqliteBurstApi>;
public sealed class PostgreSqlSignInBurstTests(PostgreSqlBurstApi fixture) : SignInBurstTests(fixture.Api), IClassFixture<PostgreSqlBurstApi>;

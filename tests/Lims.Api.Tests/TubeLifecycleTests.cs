using System.Net;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>The tube aggregate persisted: transitions through EF, the at-risk job, and the bulk writer's transaction.</summary>
public abstract class TubeLifecycleTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_transition_saved_through_the_model_shows_in_the_tube_history()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var barcode = NewBarcode();
        await client.SendAsync(Post(Batch(Tube(barcode, members: 2))));

        await api.WithDbAsync(async db =>
        {
            var tube = await db.Tubes.SingleAsync(t => t.Barcode == Barcode.Create(barcode));
            tube.Ship(api.Clock.Now.AddMinutes(10), "courier-1");
            tube.Receive(api.Clock.Now.AddMinutes(50), "tech-1");
            return await db.SaveChangesAsync();
        });

        var view = await (await client.GetAsync($"/api/v1/tubes/{barcode}")).JsonAsync();
        Assert.Equal("received", view.GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("members").GetArrayLength());
        var history = view.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("to").GetString(), h.GetProperty("by").GetString())).ToList();
        Assert.Equal([("registered", "api:" + await SubmitterCodeOf(barcode)), ("shipped", "courier-1"), ("received", "tech-1")], history);
    }

    [Fact]
    public async Task The_at_risk_job_flags_tubes_near_their_due_time_once_and_skips_final_ones()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var now = api.Clock.Now;
        var emergencyLate = NewBarcode();    // due in 1 h: within the last quarter (1.5 h) of 6 h
        var emergencyEarly = NewBarcode();   // due in 5 h
        var screeningLate = NewBarcode();    // due in 5 h: within the last quarter (6 h) of 24 h
        var cancelled = NewBarcode();        // due in 1 h but cancelled
        await client.SendAsync(Post(Batch(
            Tube(emergencyLate, priority: "emergency", collectedAt: now.AddHours(-5)),
            Tube(emergencyEarly, priority: "emergency", collectedAt: now.AddHours(-1)),
            Tube(screeningLate, priority: "screening", collectedAt: now.AddHours(-19)),
            Tube(cancelled, priority: "emergency", collectedAt: now.AddHours(-5)))));
        await api.WithDbAsync(async db =>
        {
            (await db.Tubes.SingleAsync(t => t.Barcode == Barcode.Create(cancelled))).Cancel("duplicate collection", now, "site-admin");
            return await db.SaveChangesAsync();
        });

        try
        {
            await RunAtRiskJobAsync();
            api.Clock.Now = now.AddMinutes(5);
            await RunAtRiskJobAsync();
        }
        finally
        {
            api.Clock.Now = now;
        }

        Assert.Equal(now, await AtRiskSince(client, emergencyLate));
        Assert.Equal(now, await AtRiskSince(client, screeningLate));
        Assert.Null(await AtRiskSince(client, emergencyEarly));
        Assert.Null(await AtRiskSince(client, cancelled));
    }

    [Fact]
    public async Task A_failure_inside_the_bulk_write_leaves_nothing_behind()
    {
        var code = "w-" + Guid.NewGuid().ToString("N")[..10];
        var client = await api.ClientForNewSubmitterAsync(code);
        var submitter = await api.WithDbAsync(db => db.Submitters.SingleAsync(s => s.Code == code));
        var before = await api.CountRowsAsync();
        var submission = Submission.Receive(Lims.Domain.Common.SubmissionId.New(), submitter.Id, Guid.NewGuid().ToString(), new byte[32], "r", api.Clock.Now);
        var tube = Lims.Domain.Tubes.Tube.Register(Lims.Domain.Common.TubeId.New(), Barcode.Create(NewBarcode()), TubeKind.Pooled, 5, submitter.Id, submission.Id,
            api.Clock.Now.AddHours(-1), "site", Priority.Routine,
            [new MemberDraft(new ProtectedPersonId(PersonIdType.Passport, [1, 2, 3], new byte[32], "E1****23"), "A", null)], api.Clock.Now, "test");

        await using var scope = api.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<IBatchRegistrationWriter>();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.WriteAsync(submission, [tube], _ => throw new InvalidOperationException("crash after the rows were sent"), CancellationToken.None));

        Assert.Equal(before, await api.CountRowsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{tube.Barcode}")).StatusCode);
    }

    [Fact]
    public void The_at_risk_check_is_a_recurring_job_in_the_providers_job_storage()
    {
        var storage = api.Services.GetRequiredService<Hangfire.JobStorage>();
        using var connection = storage.GetConnection();

        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == FlagAtRiskTubesJob.Id);
        Assert.Equal(Hangfire.Cron.Minutely(), job.Cron);
        Assert.Equal(api.Provider == Lims.Infrastructure.Persistence.DatabaseProvider.Sqlite ? "InMemoryStorage" : "PostgreSqlStorage", storage.GetType().Name);
    }

    private async Task RunAtRiskJobAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FlagAtRiskTubesJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<DateTimeOffset?> AtRiskSince(HttpClient client, string barcode)
    {
        var value = (await (await client.GetAsync($"/api/v1/tubes/{barcode}")).JsonAsync()).GetProperty("atRiskSince");
        return value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : value.GetDateTimeOffset();
    }

    private Task<string> SubmitterCodeOf(string barcode) => api.WithDbAsync(db =>
        (from t in db.Tubes
         join s in db.Submitters on t.SubmitterId equals s.Id
         where t.Barcode == Barcode.Create(barcode)
         select s.Code).SingleAsync());
}

public sealed class SqliteTubeLifecycleTests(SqliteApi fixture) : TubeLifecycleTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlTubeLifecycleTests(PostgreSqlApi fixture) : TubeLifecycleTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Inactivation batches: started with received tubes, completed after the method's time (or with an override), flagged when left open.</summary>
public abstract class InactivationTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_batch_completed_after_its_time_inactivates_its_tubes()
    {
        var (hospital, lab, tubes) = await ReceivedTubesAsync(3);
        var code = NewBarcode("I");

        var started = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, method = "heat", equipment = "Block 2", tubes });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("received", await StatusOf(hospital, tubes[0]));

        var completed = await At(api.Clock.Now.AddMinutes(31), () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { }));

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var batch = await completed.JsonAsync();
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(30, batch.GetProperty("requiredMinutes").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, batch.GetProperty("overrideReason").ValueKind);
        foreach (var tube in tubes) Assert.Equal("inactivated", await StatusOf(hospital, tube));
    }

    [Fact]
    public async Task A_short_run_needs_an_override_reason_which_is_recorded()
    {
        var (hospital, lab, tubes) = await ReceivedTubesAsync(1);
        var code = NewBarcode("I");
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes });

        var refused = await At(api.Clock.Now.AddMinutes(20), () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("run-too-short", problem.GetProperty("code").GetString());
        Assert.Contains("ran 20 min", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("received", await StatusOf(hospital, tubes[0]));

        var accepted = await At(api.Clock.Now.AddMinutes(20), () =>
            lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { overrideReason = "validated 20 min protocol, SOP-12" }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("validated 20 min protocol, SOP-12", (await accepted.JsonAsync()).GetProperty("overrideReason").GetString());
        Assert.Equal("inactivated", await StatusOf(hospital, tubes[0]));

        var twice = await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Only_received_tubes_go_into_a_batch_and_a_refused_start_writes_nothing()
    {
        var (hospital, lab, tubes) = await ReceivedTubesAsync(1);
        var notReceived = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(notReceived))));
        var code = NewBarcode("I");

        var refused = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes = new[] { tubes[0], notReceived } });
        var unknown = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes = new[] { "NOSUCHTUBE" } });
        var noMethod = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, method = "uv", equipment = "Block 1", tubes });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(notReceived, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("NOSUCHTUBE", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noMethod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"/api/v1/lab/inactivations/{code}")).StatusCode);
    }

    [Fact]
    public async Task Starting_the_same_batch_again_is_idempotent_and_a_tube_is_inactivated_in_one_batch_only()
    {
        var (_, lab, tubes) = await ReceivedTubesAsync(2);
        var code = NewBarcode("I");

        var first = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes = new[] { tubes[0] } });
        var retry = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes = new[] { tubes[0] } });
        var changed = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes });
        var elsewhere = await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = NewBarcode("I"), equipment = "Block 3", tubes = new[] { tubes[0] } });
        var loaded = await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/tubes", new { tubes });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Equal(tubes, (await loaded.JsonAsync()).GetProperty("tubes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_batch_left_open_past_its_time_is_flagged_by_the_job()
    {
        var (_, lab, tubes) = await ReceivedTubesAsync(2);
        var (open, done) = (NewBarcode("I"), NewBarcode("I"));
        var startedAt = api.Clock.Now;
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = open, equipment = "Block 1", tubes = new[] { tubes[0] } });
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = done, equipment = "Block 1", tubes = new[] { tubes[1] } });
        await At(startedAt.AddMinutes(35), () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{done}/complete", new { }));

        await At(startedAt.AddMinutes(59), RunJobAsync);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Get(lab, open)).GetProperty("overdueSince").ValueKind);
        await At(startedAt.AddMinutes(61), RunJobAsync);

        Assert.Equal(startedAt.AddMinutes(61), (await Get(lab, open)).GetProperty("overdueSince").GetDateTimeOffset());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Get(lab, done)).GetProperty("overdueSince").ValueKind);
    }

    private async Task<bool> RunJobAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FlagOverdueInactivationsJob>().RunAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Runs <paramref name="action"/> with the clock at <paramref name="time"/>, then puts the clock back.</summary>
    private async Task<T> At<T>(DateTimeOffset time, Func<Task<T>> action)
    {
        var before = api.Clock.Now;
        api.Clock.Now = time;
        try
        {
            return await action();
        }
        finally
        {
            api.Clock.Now = before;
        }
    }

    private async Task<(HttpClient Hospital, HttpClient Lab, string[] Tubes)> ReceivedTubesAsync(int count)
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = Enumerable.Range(0, count).Select(_ => NewBarcode()).ToArray();
        await hospital.SendAsync(Post(Batch([.. tubes.Select(t => (object)Tube(t))])));
        var box = NewBarcode("B");
        await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = count, tubes });
        foreach (var tube in tubes) await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() });
        return (hospital, lab, tubes);
    }

    private static async Task<System.Text.Json.JsonElement> Get(HttpClient lab, string code) =>
        await (await lab.GetAsync($"/api/v1/lab/inactivations/{code}")).JsonAsync();

    private static async Task<string?> StatusOf(HttpClient client, string tube) =>
        (await (await client.GetAsync($"/api/v1/tubes/{tube}")).JsonAsync()).GetProperty("status").GetString();
}

public sealed class SqliteInactivationTests(SqliteApi fixture) : InactivationTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlInactivationTests(PostgreSqlApi fixture) : InactivationTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
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
    public async Task A_short_run_is_completed_only_with_a_reason_signed_by_a_senior_reviewer_and_the_signature_is_recorded()
    {
        var (hospital, lab, tubes) = await ReceivedTubesAsync(1);
        var code = NewBarcode("I");
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes });
        var technician = await api.StaffClientAsync("technician");
        var reviewer = await api.StaffClientAsync("reviewer");
        var senior = await api.StaffClientAsync("senior-reviewer");
        const string reason = "validated 20 min protocol, SOP-12";
        var endedAt = api.Clock.Now.AddMinutes(20);
        Task<HttpResponseMessage> Complete(object body) => At(endedAt, () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", body));

        var unsigned = await Complete(new { });
        var reasonOnly = await Complete(new { overrideReason = reason });
        var signatureOnly = await Complete(new { userName = senior.UserName, password = senior.Password });
        var byTechnician = await Complete(new { overrideReason = reason, userName = technician.UserName, password = technician.Password });
        var byReviewer = await Complete(new { overrideReason = reason, userName = reviewer.UserName, password = reviewer.Password });
        var wrongPassword = await Complete(new { overrideReason = reason, userName = senior.UserName, password = "not the password" });

        Assert.Equal(HttpStatusCode.Conflict, unsigned.StatusCode);
        var problem = await unsigned.JsonAsync();
        Assert.Equal("run-too-short", problem.GetProperty("code").GetString());
        Assert.Contains("ran 20 min", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("senior reviewer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reasonOnly.StatusCode);
        Assert.Equal(["password", "userName"], await ErrorFields(reasonOnly));
        Assert.Equal(HttpStatusCode.BadRequest, signatureOnly.StatusCode);
        Assert.Equal(["overrideReason"], await ErrorFields(signatureOnly));
        Assert.Equal((HttpStatusCode.Forbidden, "senior-reviewer-required"), (byTechnician.StatusCode, (await byTechnician.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "senior-reviewer-required"), (byReviewer.StatusCode, (await byReviewer.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "signature-refused"), (wrongPassword.StatusCode, (await wrongPassword.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal("received", await StatusOf(hospital, tubes[0]));
        // A refused signature counts towards the account's lockout, as a review signature does.
        Assert.Equal(1, await FailedSignIns(senior.UserName));

        var accepted = await Complete(new { overrideReason = reason, userName = senior.UserName, password = senior.Password });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var batch = await accepted.JsonAsync();
        Assert.Equal(reason, batch.GetProperty("overrideReason").GetString());
        var signature = batch.GetProperty("overrideSignature");
        Assert.Equal((senior.UserName, "senior-reviewer", endedAt),
            (signature.GetProperty("user").GetString(), signature.GetProperty("role").GetString(), signature.GetProperty("signedAt").GetDateTimeOffset()));
        Assert.Equal(signature.GetRawText(), (await Get(lab, code)).GetProperty("overrideSignature").GetRawText());
        Assert.Equal("inactivated", await StatusOf(hospital, tubes[0]));
        Assert.Equal(0, await FailedSignIns(senior.UserName));
        // The audit trail has the refused and the accepted signature, and the batch's change with who signed it.
        var signatures = (await (await lab.GetAsync($"/api/v1/lab/audit?entityType=staff-user&entityId={senior.UserName}")).JsonAsync()).GetProperty("events")
            .EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("signed-refused", signatures);
        Assert.Contains("signed", signatures);
        var completion = (await (await lab.GetAsync($"/api/v1/lab/audit?entityType=inactivation-batch&entityId={code}")).JsonAsync()).GetProperty("events")
            .EnumerateArray().Last();
        Assert.Equal(senior.UserName, completion.GetProperty("after").GetProperty("overrideSignedBy").GetString());
        Assert.Equal(reason, completion.GetProperty("reason").GetString());

        var twice = await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task The_technician_who_started_a_batch_cannot_sign_off_its_short_run_even_as_a_senior_reviewer()
    {
        var (hospital, lab, tubes) = await ReceivedTubesAsync(2);
        var starter = await api.StaffClientAsync("senior-reviewer");
        var other = await api.StaffClientAsync("senior-reviewer");
        var (own, named) = (NewBarcode("I"), NewBarcode("I"));
        // Started with the senior's own account, and by a station naming the senior as the operator.
        Assert.Equal(HttpStatusCode.Created, (await starter.Http.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = own, equipment = "Block 1", tubes = new[] { tubes[0] } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = named, equipment = "Block 1", @operator = starter.UserName, tubes = new[] { tubes[1] } })).StatusCode);
        Assert.Equal($"user:{starter.UserName}", (await Get(lab, own)).GetProperty("startedBy").GetString());
        object Signed(StaffClient signer) => new { overrideReason = "block validated for 25 min", userName = signer.UserName, password = signer.Password };
        var endedAt = api.Clock.Now.AddMinutes(25);

        var ownSignOff = await At(endedAt, () => starter.Http.PostAsJsonAsync($"/api/v1/lab/inactivations/{own}/complete", Signed(starter)));
        var namedSignOff = await At(endedAt, () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{named}/complete", Signed(starter)));
        var otherSignOff = await At(endedAt, () => starter.Http.PostAsJsonAsync($"/api/v1/lab/inactivations/{own}/complete", Signed(other)));

        Assert.Equal((HttpStatusCode.Forbidden, "own-batch"), (ownSignOff.StatusCode, (await ownSignOff.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "own-batch"), (namedSignOff.StatusCode, (await namedSignOff.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, otherSignOff.StatusCode);
        Assert.Equal(other.UserName, (await otherSignOff.JsonAsync()).GetProperty("overrideSignature").GetProperty("user").GetString());
        Assert.Equal(("inactivated", "received"), (await StatusOf(hospital, tubes[0]), await StatusOf(hospital, tubes[1])));
    }

    [Fact]
    public async Task A_run_long_enough_needs_no_signature_and_records_none()
    {
        var (_, lab, tubes) = await ReceivedTubesAsync(1);
        var code = NewBarcode("I");
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, method = "chemical", equipment = "Cabinet 1", tubes });

        var completed = await At(api.Clock.Now.AddMinutes(10), () => lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { }));

        var batch = await completed.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (batch.GetProperty("overrideReason").ValueKind, batch.GetProperty("overrideSignature").ValueKind));
    }

    private static async Task<string[]> ErrorFields(HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    private Task<int> FailedSignIns(string userName) =>
        api.WithDbAsync(async db =>
        {
            var id = await db.StaffUsers.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
            return await db.SignInFailures.AsNoTracking().Where(f => f.UserId == id).SumAsync(f => f.Attempts);
        });

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

using System.Net;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Abstractions;
using Lims.Application.Features.PublicHealth;
using Lims.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// Positives reported to public health: a notification per positive person, written at release, sent (signed, the person
/// in clear) by the recurring job to a real receiver on 127.0.0.1, and flagged overdue when still unsent 2 h after release.
/// </summary>
public abstract class PublicHealthTests(OutboundApi fixture)
{
    private const string Path = OutboundApi.PublicHealthPath;
    private readonly LimsApiFactory api = fixture.Api;
    private readonly WebhookReceiver receiver = fixture.Receiver;

    private async Task RunJobAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PublicHealthJob>().RunAsync(CancellationToken.None);
    }

    private async Task<List<JsonElement>> NotificationsAsync(string? state, params string[] tubes)
    {
        var lab = await api.LabClientAsync();
        var response = await lab.GetAsync(state is null ? "/api/v1/lab/public-health" : $"/api/v1/lab/public-health?state={state}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray().Where(n => tubes.Contains(n.GetProperty("tube").GetString()))];
    }

    /// <summary>The cases public health received for the notification, one per POST that carried it.</summary>
    private List<(ReceivedPost Post, JsonElement Case)> Received(Guid notification) =>
        [.. receiver.On(Path).SelectMany(p => p.Json.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("notificationId").GetGuid() == notification).Select(c => (p, c)))];

    private async Task<string> ImportAsync(HttpClient lab, string[] tubes, double?[][] calls)
    {
        var plate = await LabFlow.SealedPlateAsync(lab, tubes);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, tubes, calls, RunFiles.Negative)))).StatusCode);
        return plate;
    }

    [Fact]
    public async Task A_released_positive_is_reported_by_the_job_and_a_positive_pools_people_only_through_their_recall_tubes()
    {
        var person = Random.Shared.Next(100_000, 900_000) * 10;
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var hospital = await api.ClientForNewSubmitterAsync(code);
        var (_, lab, single) = await api.InactivatedTubesAsync(1, kind: "single", hospital: hospital, firstPerson: person);
        var (_, _, pools) = await api.InactivatedTubesAsync(2, hospital: hospital, firstPerson: person + 1);
        var plate = await ImportAsync(lab, [single[0], pools[0], pools[1]], [RunFiles.Positive, RunFiles.Positive, RunFiles.Negative]);
        await api.ApproveAndReleaseAsync(plate);

        // One notification: the positive single tube's person. The positive pool's people need a recall, the negative pool's nothing.
        var notification = Assert.Single(await NotificationsAsync(null, [single[0], .. pools]));
        Assert.Equal((single[0], code, 1, "pending", 0), (notification.GetProperty("tube").GetString(), notification.GetProperty("submitter").GetString(),
            notification.GetProperty("position").GetInt32(), notification.GetProperty("state").GetString(), notification.GetProperty("attempts").GetInt32()));
        Assert.Contains("*", notification.GetProperty("idNumber").GetString(), StringComparison.Ordinal);
        var releasedAt = notification.GetProperty("releasedAt").GetDateTimeOffset();
        Assert.Equal(api.Clock.Now, releasedAt);
        Assert.Equal(releasedAt.AddHours(2), notification.GetProperty("dueAt").GetDateTimeOffset());
        var id = notification.GetProperty("id").GetGuid();

        // The job sends it, signed, with the person in clear and the result it comes from.
        await RunJobAsync();
        var (post, reported) = Assert.Single(Received(id));
        Assert.True(post.SignatureValid, "the report's X-Lims-Signature does not match its body");
        Assert.Equal(post.Json.GetProperty("batchId").GetGuid().ToString(), post.Headers["X-Lims-Delivery"]);
        Assert.Equal((single[0], code, "Collection site 7", "cn-orf1ab-n"), (reported.GetProperty("tube").GetString(), reported.GetProperty("submitter").GetString(),
            reported.GetProperty("site").GetString(), reported.GetProperty("kitCode").GetString()));
        var reportedPerson = reported.GetProperty("person");
        Assert.Equal(("cn-resident", ResidentId(person), $"Person {person}", "13800138000"), (reportedPerson.GetProperty("idType").GetString(),
            reportedPerson.GetProperty("idNumber").GetString(), reportedPerson.GetProperty("name").GetString(), reportedPerson.GetProperty("phone").GetString()));
        Assert.Equal([24.1, 25.3, 28.0], reported.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("ct").GetDouble()));

        var sent = Assert.Single(await NotificationsAsync("sent", single[0]));
        Assert.Equal((1, 200), (sent.GetProperty("attempts").GetInt32(), sent.GetProperty("lastStatus").GetInt32()));
        Assert.Equal(api.Clock.Now, sent.GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("overdueSince").ValueKind);
        Assert.Empty(await NotificationsAsync("pending", single[0]));
        await RunJobAsync();
        Assert.Single(Received(id));

        // The pool's people are swabbed again in the single tubes the recall ordered; the one who is positive is reported.
        var recall = (await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("pool").GetString() == pools[0]);
        var orders = recall.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("orderBarcode").GetString()!).ToArray();
        await api.InactivatedTubesAsync(3, orders, kind: "single", hospital: hospital, firstPerson: person + 1);
        var second = await ImportAsync(lab, orders, [RunFiles.Negative, RunFiles.Positive, RunFiles.Negative]);
        await api.ApproveAndReleaseAsync(second);
        var recalled = Assert.Single(await NotificationsAsync(null, orders));
        Assert.Equal(orders[1], recalled.GetProperty("tube").GetString());
        await RunJobAsync();
        var (_, recalledCase) = Assert.Single(Received(recalled.GetProperty("id").GetGuid()));
        Assert.Equal(ResidentId(person + 2), recalledCase.GetProperty("person").GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task A_positive_not_reported_two_hours_after_its_release_is_flagged_overdue()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var (_, lab, single) = await api.InactivatedTubesAsync(1, kind: "single", hospital: hospital);
        await api.ApproveAndReleaseAsync(await ImportAsync(lab, single, [RunFiles.Positive]));
        var notification = Assert.Single(await NotificationsAsync("pending", single));
        var id = notification.GetProperty("id").GetGuid();
        var releasedAt = notification.GetProperty("releasedAt").GetDateTimeOffset();

        // Without an endpoint nothing is sent: the notification stays pending.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var unconfigured = new SendPublicHealthNotificationsHandler(services.GetRequiredService<ILimsDbContext>(), services.GetRequiredService<IOutboundHttp>(),
                services.GetRequiredService<IPersonIdRevealer>(), PublicHealthSettings.Default, services.GetRequiredService<TimeProvider>());
            Assert.Equal(new PublicHealthSendResult(0, 0, false), await unconfigured.Handle(new SendPublicHealthNotifications(), CancellationToken.None));
        }
        Assert.Single(await NotificationsAsync("pending", single));
        Assert.Empty(Received(id));

        var before = api.Clock.Now;
        receiver.Statuses[Path] = 503;
        try
        {
            // Public health answers 503: failed, tried again on every run; not overdue within the 2 h.
            await RunJobAsync();
            var failed = Assert.Single(await NotificationsAsync("failed", single));
            Assert.Equal((1, 503), (failed.GetProperty("attempts").GetInt32(), failed.GetProperty("lastStatus").GetInt32()));
            Assert.Contains("503", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            api.Clock.Now = releasedAt.AddMinutes(119);
            await RunJobAsync();
            Assert.Empty(await NotificationsAsync("overdue", single));
            Assert.Equal(2, Assert.Single(await NotificationsAsync("failed", single)).GetProperty("attempts").GetInt32());

            // Past 2 h unsent: flagged overdue.
            api.Clock.Now = releasedAt.AddMinutes(121);
            await RunJobAsync();
            var overdue = Assert.Single(await NotificationsAsync("overdue", single));
            Assert.Equal(api.Clock.Now, overdue.GetProperty("overdueSince").GetDateTimeOffset());
            Assert.Equal(releasedAt.AddHours(2), overdue.GetProperty("dueAt").GetDateTimeOffset());
            Assert.Equal("failed", overdue.GetProperty("state").GetString());
            var flaggedAt = api.Clock.Now;

            // Public health is back: sent late, and the flag says so.
            receiver.Statuses[Path] = 202;
            api.Clock.Now = releasedAt.AddMinutes(130);
            await RunJobAsync();
            var late = Assert.Single(await NotificationsAsync("sent", single));
            Assert.Equal((4, flaggedAt), (late.GetProperty("attempts").GetInt32(), late.GetProperty("overdueSince").GetDateTimeOffset()));
            Assert.Empty(await NotificationsAsync("overdue", single));
            Assert.Equal(4, Received(id).Count);
            Assert.All(Received(id), r => Assert.True(r.Post.SignatureValid));
        }
        finally
        {
            api.Clock.Now = before;
            receiver.Statuses.TryRemove(Path, out _);
        }

        var badState = await (await api.LabClientAsync()).GetAsync("/api/v1/lab/public-health?state=late");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/api/v1/lab/public-health")).StatusCode);
    }
}

public sealed class SqlitePublicHealthTests(SqliteOutboundApi fixture) : PublicHealthTests(fixture), IClassFixture<SqliteOutboundApi>;

public sealed class PostgreSqlPublicHealthTests(PostgreSqlOutboundApi fixture) : PublicHealthTests(fixture), IClassFixture<PostgreSqlOutboundApi>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Features.Webhooks;
using Lims.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Api.Tests;

/// <summary>
/// Webhooks end to end: a submitter registers a URL, a release is POSTed (signed) to a real receiver on 127.0.0.1 once per
/// concerned submitter, failures are retried and then parked as dead, dead deliveries are retried, and the sweeper picks
/// up attempts that were never enqueued. The tests run the job classes themselves (no Hangfire workers in tests).
/// </summary>
public abstract class WebhookTests(OutboundApi fixture)
{
    private readonly LimsApiFactory api = fixture.Api;
    private readonly WebhookReceiver receiver = fixture.Receiver;

    private static string NewPath(string name) => $"/{name}-{Guid.NewGuid():N}";

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Registers the receiver's <paramref name="path"/> as the submitter's webhook and tells the receiver its secret.</summary>
    private async Task<string> RegisterAsync(HttpClient submitter, string path)
    {
        var registered = await JsonAsync(submitter.PutAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url(path) }), HttpStatusCode.Created);
        Assert.Equal(receiver.Url(path), registered.GetProperty("url").GetString());
        var secret = registered.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain("*", secret, StringComparison.Ordinal);
        receiver.Secrets[path] = secret;
        return secret;
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient client, string? state = null, string path = "/api/v1/webhooks/deliveries") =>
        [.. (await JsonAsync(client.GetAsync(state is null ? path : $"{path}?state={state}"))).EnumerateArray()];

    private static async Task<JsonElement> DeliveryAsync(HttpClient submitter, Guid id) =>
        (await DeliveriesAsync(submitter)).Single(d => d.GetProperty("id").GetGuid() == id);

    private async Task RunAttemptAsync(Guid delivery, int attempt)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>().RunAsync(delivery, attempt, CancellationToken.None);
    }

    /// <summary>Tubes of the submitter on a new plate whose run is imported: the negatives are released at once (the fixture's lab policy).</summary>
    private async Task<(HttpClient Lab, string Plate)> ImportAsync(HttpClient lab, string[] tubes, double?[][] calls)
    {
        var plate = await LabFlow.SealedPlateAsync(lab, tubes);
        var import = await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, tubes, calls, RunFiles.Negative)));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        return (lab, plate);
    }

    private static IEnumerable<string> Barcodes(JsonElement results) => results.EnumerateArray().Select(r => r.GetProperty("tubeBarcode").GetString()!);

    [Fact]
    public async Task Each_release_reaches_each_concerned_submitters_webhook_once_signed_with_that_submitters_results()
    {
        var (a, b, c, d) = (await api.ClientForNewSubmitterAsync(), await api.ClientForNewSubmitterAsync(), await api.ClientForNewSubmitterAsync(), await api.ClientForNewSubmitterAsync());
        var (pathA, pathB, pathD) = (NewPath("a"), NewPath("b"), NewPath("d"));
        var secretA = await RegisterAsync(a, pathA);
        await RegisterAsync(b, pathB);
        await RegisterAsync(d, pathD);

        // The secret is shown once: afterwards masked.
        var shown = await JsonAsync(a.GetAsync("/api/v1/webhooks"));
        Assert.Equal(receiver.Url(pathA), shown.GetProperty("url").GetString());
        var masked = shown.GetProperty("secret").GetString()!;
        Assert.NotEqual(secretA, masked);
        Assert.StartsWith("whsec_***", masked, StringComparison.Ordinal);
        Assert.EndsWith(secretA[^4..], masked, StringComparison.Ordinal);
        Assert.Equal(secretA.Length, masked.Length);

        // One plate: two pools and a positive single tube of A, a pool of B, a pool of C (no webhook). D has a webhook and no tubes.
        var (_, lab, aPools) = await api.InactivatedTubesAsync(2, hospital: a);
        var (_, _, aSingle) = await api.InactivatedTubesAsync(1, kind: "single", hospital: a);
        var (_, _, bPools) = await api.InactivatedTubesAsync(1, hospital: b);
        var (_, _, cPools) = await api.InactivatedTubesAsync(1, hospital: c);
        var (_, plate) = await ImportAsync(lab, [.. aPools, .. aSingle, .. bPools, .. cPools],
            [RunFiles.Negative, RunFiles.Negative, RunFiles.Positive, RunFiles.Negative, RunFiles.Negative]);

        // The negatives were released at import: one release, one pending delivery for A (2 results) and one for B.
        var aDelivery = Assert.Single(await DeliveriesAsync(a));
        var bDelivery = Assert.Single(await DeliveriesAsync(b));
        Assert.Empty(await DeliveriesAsync(c));
        Assert.Empty(await DeliveriesAsync(d));
        Assert.Equal(("pending", 2, 0), (aDelivery.GetProperty("state").GetString(), aDelivery.GetProperty("results").GetInt32(), aDelivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(1, bDelivery.GetProperty("results").GetInt32());
        Assert.Equal(aDelivery.GetProperty("releaseId").GetGuid(), bDelivery.GetProperty("releaseId").GetGuid());
        Assert.Empty(receiver.On(pathA));

        var (aId, bId) = (aDelivery.GetProperty("id").GetGuid(), bDelivery.GetProperty("id").GetGuid());
        await RunAttemptAsync(aId, 1);
        await RunAttemptAsync(bId, 1);

        var post = Assert.Single(receiver.On(pathA));
        Assert.True(post.SignatureValid, "the X-Lims-Signature of A's delivery does not match its body");
        Assert.Equal(aId.ToString(), post.Headers["X-Lims-Delivery"]);
        Assert.Equal(api.Clock.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), post.Headers["X-Lims-Timestamp"]);
        Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal);
        var body = post.Json;
        Assert.Equal((aId, "results.released", 1), (body.GetProperty("deliveryId").GetGuid(), body.GetProperty("event").GetString(), body.GetProperty("attempt").GetInt32()));
        Assert.Equal(api.Clock.Now, body.GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(aPools.Order(), Barcodes(body.GetProperty("results")).Order());

        // The results are A's results exactly as A pulls them.
        var pulled = (await JsonAsync(a.GetAsync("/api/v1/results"))).GetProperty("results");
        Assert.Equal(pulled.EnumerateArray().Select(r => r.GetRawText()), body.GetProperty("results").EnumerateArray().Select(r => r.GetRawText()));

        var bPost = Assert.Single(receiver.On(pathB));
        Assert.True(bPost.SignatureValid);
        Assert.Equal(bPools, Barcodes(bPost.Json.GetProperty("results")));
        Assert.Equal(body.GetProperty("releaseId").GetGuid(), bPost.Json.GetProperty("releaseId").GetGuid());
        Assert.Empty(receiver.On(pathD));

        var delivered = await DeliveryAsync(a, aId);
        Assert.Equal(("delivered", 1, 200), (delivered.GetProperty("state").GetString(), delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("lastStatus").GetInt32()));
        Assert.Equal(api.Clock.Now, delivered.GetProperty("deliveredAt").GetDateTimeOffset());

        // The same attempt again (a job run twice) sends nothing.
        await RunAttemptAsync(aId, 1);
        await RunAttemptAsync(aId, 2);
        Assert.Single(receiver.On(pathA));

        // The positive single tube is released after review: a second release, delivered to A alone.
        await api.ApproveAndReleaseAsync(plate);
        var aDeliveries = await DeliveriesAsync(a);
        Assert.Equal(2, aDeliveries.Count);
        Assert.Single(await DeliveriesAsync(b));
        var second = aDeliveries[0];
        Assert.Equal(("pending", 1), (second.GetProperty("state").GetString(), second.GetProperty("results").GetInt32()));
        await RunAttemptAsync(second.GetProperty("id").GetGuid(), 1);
        var positive = receiver.On(pathA)[1];
        Assert.True(positive.SignatureValid);
        var result = Assert.Single(positive.Json.GetProperty("results").EnumerateArray());
        Assert.Equal((aSingle[0], "positive", "positive"),
            (result.GetProperty("tubeBarcode").GetString(), result.GetProperty("call").GetString(), result.GetProperty("people")[0].GetProperty("result").GetString()));
        Assert.NotEqual(body.GetProperty("releaseId").GetGuid(), positive.Json.GetProperty("releaseId").GetGuid());
    }

    [Fact]
    public async Task A_recall_reaches_the_webhook_only_once_the_pools_call_is_approved_and_its_withdrawal_after_that()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var path = NewPath("recall");
        await RegisterAsync(hospital, path);
        var (_, lab, pools) = await api.InactivatedTubesAsync(2, hospital: hospital);
        var (_, plate) = await ImportAsync(lab, pools, [RunFiles.Positive, RunFiles.Positive]);

        // The cases are prepared at import, but nothing tells the hospital before a reviewer signed the calls.
        Assert.Empty(await DeliveriesAsync(hospital));
        await api.ApproveAsync(plate);
        var opened = await DeliveriesAsync(hospital);
        Assert.Equal(2, opened.Count);
        Assert.All(opened, d => Assert.Equal(("recall.opened", "pending", JsonValueKind.Null), (d.GetProperty("event").GetString(),
            d.GetProperty("state").GetString(), d.GetProperty("releaseId").ValueKind)));
        foreach (var delivery in opened) await RunAttemptAsync(delivery.GetProperty("id").GetGuid(), 1);
        var posts = receiver.On(path);
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.True(p.SignatureValid));
        Assert.Equal(pools.Order(), posts.Select(p => p.Json.GetProperty("recall").GetProperty("pool").GetString()).Order());
        var first = posts.Single(p => p.Json.GetProperty("recall").GetProperty("pool").GetString() == pools[0]).Json;
        Assert.Equal(("recall.opened", "open", 3), (first.GetProperty("event").GetString(), first.GetProperty("recall").GetProperty("status").GetString(),
            first.GetProperty("recall").GetProperty("members").GetArrayLength()));
        Assert.False(first.TryGetProperty("results", out _));

        // The second pool is sent back to retest: its shown case is withdrawn, and the hospital is told why.
        var senior = await api.StaffClientAsync("senior-reviewer");
        Assert.Equal(HttpStatusCode.OK, (await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/retest",
            new { tubes = new[] { pools[1] }, reason = "bubble in the well" })).StatusCode);
        var withdrawn = Assert.Single(await DeliveriesAsync(hospital), d => d.GetProperty("event").GetString() == "recall.withdrawn");
        await RunAttemptAsync(withdrawn.GetProperty("id").GetGuid(), 1);
        var recall = receiver.On(path)[2].Json.GetProperty("recall");
        Assert.Equal((pools[1], "withdrawn"), (recall.GetProperty("pool").GetString(), recall.GetProperty("status").GetString()));
        Assert.Contains("bubble in the well", recall.GetProperty("withdrawnReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_receiver_gets_every_retry_then_the_delivery_is_dead_until_retried_by_the_submitter_or_the_lab()
    {
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var hospital = await api.ClientForNewSubmitterAsync(code);
        var path = NewPath("failing");
        await RegisterAsync(hospital, path);
        receiver.Statuses[path] = 500;
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, hospital: hospital);
        await ImportAsync(lab, pools, [RunFiles.Negative]);
        var id = Assert.Single(await DeliveriesAsync(hospital)).GetProperty("id").GetGuid();

        // Lims:Webhooks:RetryDelaysSeconds = 0,0: three attempts, each failure recorded, the next one due at once.
        await RunAttemptAsync(id, 1);
        var failed = await DeliveryAsync(hospital, id);
        Assert.Equal(("pending", 1, 500), (failed.GetProperty("state").GetString(), failed.GetProperty("attempts").GetInt32(), failed.GetProperty("lastStatus").GetInt32()));
        Assert.Contains("500", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(api.Clock.Now, failed.GetProperty("nextAttemptAt").GetDateTimeOffset());
        await RunAttemptAsync(id, 2);
        Assert.Equal(("pending", 2), ((await DeliveryAsync(hospital, id)).GetProperty("state").GetString(), (await DeliveryAsync(hospital, id)).GetProperty("attempts").GetInt32()));
        await RunAttemptAsync(id, 3);

        var dead = Assert.Single(await DeliveriesAsync(hospital, "dead"));
        Assert.Equal((id, 3, 500), (dead.GetProperty("id").GetGuid(), dead.GetProperty("attempts").GetInt32(), dead.GetProperty("lastStatus").GetInt32()));
        Assert.Equal(api.Clock.Now, dead.GetProperty("deadAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("nextAttemptAt").ValueKind);
        Assert.Empty(await DeliveriesAsync(hospital, "pending"));
        var posts = receiver.On(path);
        Assert.Equal([1, 2, 3], posts.Select(p => p.Json.GetProperty("attempt").GetInt32()));
        Assert.All(posts, p => Assert.True(p.SignatureValid));
        Assert.All(posts, p => Assert.Equal(id.ToString(), p.Headers["X-Lims-Delivery"]));

        // The lab sees it in the dead-letter list, with whose it is; another submitter neither sees nor retries it.
        var station = await api.LabClientAsync();
        var labDead = (await DeliveriesAsync(station, path: "/api/v1/lab/webhooks/dead")).Single(x => x.GetProperty("id").GetGuid() == id);
        Assert.Equal(code, labDead.GetProperty("submitter").GetString());
        Assert.Contains(await DeliveriesAsync(station, "dead", "/api/v1/lab/webhooks/deliveries"), x => x.GetProperty("id").GetGuid() == id);
        var stranger = await api.ClientForNewSubmitterAsync();
        Assert.Empty(await DeliveriesAsync(stranger));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/webhooks/deliveries/{id}/retry", null)).StatusCode);
        var badState = await hospital.GetAsync("/api/v1/webhooks/deliveries?state=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.True((await badState.JsonAsync()).GetProperty("errors").TryGetProperty("state", out _));

        // A dead delivery makes no attempt of its own.
        await RunAttemptAsync(id, 4);
        Assert.Equal(3, receiver.On(path).Count);

        // The submitter retries it while its receiver still fails: one attempt, and it is dead again.
        var retried = await JsonAsync(hospital.PostAsync($"/api/v1/webhooks/deliveries/{id}/retry", null), HttpStatusCode.Accepted);
        Assert.Equal("pending", retried.GetProperty("state").GetString());
        Assert.Equal($"api:{code}", retried.GetProperty("retriedBy").GetString());
        var twice = await hospital.PostAsync($"/api/v1/webhooks/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("delivery-not-dead", (await twice.JsonAsync()).GetProperty("code").GetString());
        await RunAttemptAsync(id, 4);
        Assert.Equal(("dead", 4), ((await DeliveryAsync(hospital, id)).GetProperty("state").GetString(), (await DeliveryAsync(hospital, id)).GetProperty("attempts").GetInt32()));

        // The receiver is mended; the lab retries the delivery, and it arrives.
        receiver.Statuses[path] = 204;
        await JsonAsync(station.PostAsync($"/api/v1/lab/webhooks/deliveries/{id}/retry", null), HttpStatusCode.Accepted);
        await RunAttemptAsync(id, 5);
        var delivered = await DeliveryAsync(hospital, id);
        Assert.Equal(("delivered", 5, 204), (delivered.GetProperty("state").GetString(), delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("lastStatus").GetInt32()));
        Assert.Equal(5, receiver.On(path).Count);
        Assert.DoesNotContain(await DeliveriesAsync(station, path: "/api/v1/lab/webhooks/dead"), x => x.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_the_timeout_has_failed()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var path = NewPath("slow");
        await RegisterAsync(hospital, path);
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, hospital: hospital);
        await ImportAsync(lab, pools, [RunFiles.Negative]);
        var id = Assert.Single(await DeliveriesAsync(hospital)).GetProperty("id").GetGuid();

        receiver.Delays[path] = TimeSpan.FromSeconds(5);
        await RunAttemptAsync(id, 1);
        var late = await DeliveryAsync(hospital, id);
        Assert.Equal(("pending", 1), (late.GetProperty("state").GetString(), late.GetProperty("attempts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, late.GetProperty("lastStatus").ValueKind);
        Assert.Contains("No answer within 1 s", late.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        receiver.Delays.TryRemove(path, out _);
        await RunAttemptAsync(id, 2);
        Assert.Equal("delivered", (await DeliveryAsync(hospital, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_delivery_whose_job_was_never_enqueued_is_swept_up_and_delivered()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var path = NewPath("swept");
        await RegisterAsync(hospital, path);
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, hospital: hospital);
        await ImportAsync(lab, pools, [RunFiles.Negative]);
        var id = Assert.Single(await DeliveriesAsync(hospital)).GetProperty("id").GetGuid();

        // As if the process stopped between the release's commit and the enqueue: no job runs the first attempt.
        Assert.DoesNotContain(id, await api.SendAsync(s => s.Send(new SweepWebhookDeliveries()).AsTask()));
        var before = api.Clock.Now;
        try
        {
            api.Clock.Now = before.AddMinutes(2);
            Assert.Contains(id, await api.SendAsync(s => s.Send(new SweepWebhookDeliveries()).AsTask()));
            // Enqueued once: the next sweep leaves it to its job.
            Assert.DoesNotContain(id, await api.SendAsync(s => s.Send(new SweepWebhookDeliveries()).AsTask()));
            Assert.Equal(api.Clock.Now, (await DeliveryAsync(hospital, id)).GetProperty("nextAttemptAt").GetDateTimeOffset());
            await using (var scope = api.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<WebhookSweepJob>().RunAsync(CancellationToken.None);
            await RunAttemptAsync(id, 1);
        }
        finally
        {
            api.Clock.Now = before;
        }
        Assert.Equal("delivered", (await DeliveryAsync(hospital, id)).GetProperty("state").GetString());
        var post = Assert.Single(receiver.On(path));
        Assert.True(post.SignatureValid);
        Assert.Equal(pools, Barcodes(post.Json.GetProperty("results")));
    }

    [Fact]
    public async Task A_webhook_cannot_be_turned_inward_when_registered_when_sent_or_by_a_redirect()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        foreach (var inward in new[]
                 {
                     "http://169.254.169.254/latest/meta-data/iam/security-credentials/", $"http://[::1]:{port}/", $"http://localhost:{port}/hangfire",
                     $"http://[::ffff:127.0.0.1]:{port}/", "http://10.0.0.1:6379/", "http://100.100.100.200/latest/meta-data/",
                 })
        {
            var response = await hospital.PutAsJsonAsync("/api/v1/webhooks", new { url = inward });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{inward}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.Equal(["url"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Contains("does not resolve to a public address", errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync("/api/v1/webhooks")).StatusCode);

        // A URL stored before the check existed (or a name whose DNS answer changed since): the attempt connects nowhere inward.
        var path = NewPath("inward");
        await RegisterAsync(hospital, path);
        var inwardUrl = $"http://localhost:{port}{path}";
        await api.WithDbAsync(db => db.WebhookSubscriptions.Where(w => w.Url == receiver.Url(path)).ExecuteUpdateAsync(w => w.SetProperty(x => x.Url, inwardUrl)));
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, hospital: hospital);
        await ImportAsync(lab, pools, [RunFiles.Negative]);
        var id = Assert.Single(await DeliveriesAsync(hospital)).GetProperty("id").GetGuid();
        await RunAttemptAsync(id, 1);
        var refused = await DeliveryAsync(hospital, id);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("lastStatus").ValueKind);
        Assert.Equal(
            "The host localhost does not resolve to a public address: Lims POSTs webhooks to the internet only (not to loopback, private, link-local, shared or multicast addresses).",
            refused.GetProperty("lastError").GetString());
        Assert.Empty(receiver.On(path));

        // A redirect is a failure, and it is not followed.
        var (redirecting, target) = (NewPath("redirecting"), NewPath("target"));
        var other = await api.ClientForNewSubmitterAsync();
        await RegisterAsync(other, redirecting);
        receiver.Redirects[redirecting] = receiver.Url(target);
        var (_, otherLab, otherPools) = await api.InactivatedTubesAsync(1, hospital: other);
        await ImportAsync(otherLab, otherPools, [RunFiles.Negative]);
        var redirected = Assert.Single(await DeliveriesAsync(other)).GetProperty("id").GetGuid();
        await RunAttemptAsync(redirected, 1);
        var failed = await DeliveryAsync(other, redirected);
        Assert.Equal((302, "HTTP 302"), (failed.GetProperty("lastStatus").GetInt32(), failed.GetProperty("lastError").GetString()));
        Assert.Single(receiver.On(redirecting));
        Assert.Empty(receiver.On(target));
    }

    [Fact]
    public async Task Bad_webhook_urls_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var stored = await api.WithDbAsync(db => db.WebhookSubscriptions.CountAsync());
        (object Body, string Why)[] bad =
        [
            (new { url = "ftp://example.org/results" }, "The scheme 'ftp' is not allowed"),
            (new { url = "/hooks/results" }, "is not an absolute URL"),
            (new { url = "hooks/results" }, "is not an absolute URL"),
            (new { url = "" }, "A webhook URL is required"),
            (new { url = "   " }, "A webhook URL is required"),
            (new { }, "A webhook URL is required"),
            (new { url = "mailto:lab@example.org" }, "is not an absolute URL"),
            (new { url = "http://user:secret@example.org/results" }, "no user name or password"),
            (new { url = "https://example.org/" + new string('a', 2000) }, "at most 2000 characters"),
        ];
        foreach (var (body, why) in bad)
        {
            var response = await hospital.PutAsJsonAsync("/api/v1/webhooks", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.Equal(["url"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Contains(why, errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(stored, await api.WithDbAsync(db => db.WebhookSubscriptions.CountAsync()));

        // A good URL; a bad one after it changes nothing; registering again replaces the URL and the secret.
        var path = NewPath("replaced");
        var first = await RegisterAsync(hospital, path);
        Assert.Equal(HttpStatusCode.BadRequest, (await hospital.PutAsJsonAsync("/api/v1/webhooks", new { url = "ftp://example.org/" })).StatusCode);
        Assert.Equal(receiver.Url(path), (await JsonAsync(hospital.GetAsync("/api/v1/webhooks"))).GetProperty("url").GetString());
        var replaced = await JsonAsync(hospital.PutAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url(path) + "/v2" }));
        Assert.Equal(receiver.Url(path) + "/v2", replaced.GetProperty("url").GetString());
        Assert.NotEqual(first, replaced.GetProperty("secret").GetString());
        Assert.Equal(stored + 1, await api.WithDbAsync(db => db.WebhookSubscriptions.CountAsync()));

        // Only submitters have webhooks.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.LabClientAsync()).PutAsJsonAsync("/api/v1/webhooks", new { url = "https://example.org/" })).StatusCode);

        // Removed: what was pending is not sent anywhere and waits, dead, until a webhook is registered and it is retried.
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, hospital: hospital);
        await ImportAsync(lab, pools, [RunFiles.Negative]);
        var id = Assert.Single(await DeliveriesAsync(hospital)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await hospital.DeleteAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.DeleteAsync("/api/v1/webhooks")).StatusCode);
        await RunAttemptAsync(id, 1);
        var dead = await DeliveryAsync(hospital, id);
        Assert.Equal("dead", dead.GetProperty("state").GetString());
        Assert.Contains("No webhook is registered", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.On(path));
        Assert.Empty(receiver.On(path + "/v2"));
    }
}

public sealed class SqliteWebhookTests(SqliteOutboundApi fixture) : WebhookTests(fixture), IClassFixture<SqliteOutboundApi>;

public sealed class PostgreSqlWebhookTests(PostgreSqlOutboundApi fixture) : WebhookTests(fixture), IClassFixture<PostgreSqlOutboundApi>;

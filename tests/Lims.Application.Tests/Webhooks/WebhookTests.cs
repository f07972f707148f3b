using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lims.Application.Features.Webhooks;

namespace Lims.Application.Tests.Webhooks;

/// <summary>
/// A submitter's webhook: its URL rules, and each release's delivery attempted against a fake receiver — delivered,
/// retried after the configured delays, dead after the last, retried by hand, swept up when its job was lost.
/// </summary>
public abstract class WebhookTests(OutboundAppFixture fixture)
{
    private readonly LimsApp app = fixture.App;
    private readonly FakeOutboundHttp http = fixture.Http;
    private readonly RecordingWebhookDispatcher dispatcher = fixture.Dispatcher;

    public static TheoryData<string?, string> BadUrls => new()
    {
        { "ftp://example.org/results", "The scheme 'ftp' is not allowed" },
        { "/hooks/results", "is not an absolute URL" },
        { "hooks/results", "is not an absolute URL" },
        { "mailto:lab@example.org", "is not an absolute URL" },
        { "", "A webhook URL is required" },
        { "   ", "A webhook URL is required" },
        { null, "A webhook URL is required" },
        { "http://user:secret@example.org/results", "no user name or password" },
        { "https://example.org/" + new string('a', 2000), "at most 2000 characters" },
    };

    [Theory]
    [MemberData(nameof(BadUrls))]
    public async Task A_webhook_url_that_is_not_an_absolute_http_address_is_refused_naming_the_url_and_nothing_is_stored(string? url, string why)
    {
        var hospital = await app.SubmitterAsync();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RegisterWebhook(hospital, url)));

        Assert.Equal(["url"], refused.Errors.Keys);
        Assert.Contains(why, Assert.Single(refused.Errors["url"]), StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetWebhook(hospital)));
    }

    public static TheoryData<string> InwardUrls => new()
    {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::1]:5080/",
        "http://localhost:5080/hangfire",
        "http://127.0.0.1:5080/hangfire",
        "http://[::ffff:127.0.0.1]:5080/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0:5432/",
        "http://2130706433/",
        "https://no-such-host.invalid/hook",
    };

    [Theory]
    [MemberData(nameof(InwardUrls))]
    public async Task A_webhook_url_that_resolves_to_no_public_address_is_refused_naming_the_url_and_nothing_is_stored(string url)
    {
        var hospital = await app.SubmitterAsync();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RegisterWebhook(hospital, url)));

        Assert.Equal(["url"], refused.Errors.Keys);
        Assert.Contains("does not resolve to a public address", Assert.Single(refused.Errors["url"]), StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetWebhook(hospital)));
    }

    [Fact]
    public async Task Registering_again_replaces_the_url_and_the_secret_which_is_shown_in_full_only_when_issued()
    {
        var hospital = await app.SubmitterAsync();
        var url = NewUrl();

        var first = await app.SendAsync(new RegisterWebhook(hospital, "  " + url + "  "));
        var shown = await app.SendAsync(new GetWebhook(hospital));
        var later = app.Clock.Now.AddMinutes(1);
        var second = await app.AtAsync(later, () => app.SendAsync(new RegisterWebhook(hospital, url + "/v2")));

        Assert.True(first.Created);
        Assert.Equal(url, first.Webhook.Url);
        var secret = first.Webhook.Secret;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain("*", secret, StringComparison.Ordinal);
        Assert.Equal(url, shown.Url);
        Assert.Equal("whsec_" + new string('*', secret.Length - 10) + secret[^4..], shown.Secret);
        Assert.False(second.Created);
        Assert.Equal(url + "/v2", second.Webhook.Url);
        Assert.NotEqual(secret, second.Webhook.Secret);
        Assert.Equal((app.Clock.Now, later), (second.Webhook.CreatedAt, second.Webhook.UpdatedAt));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookSubscriptions.CountAsync(s => s.SubmitterId == hospital)));
    }

    [Fact]
    public async Task A_release_is_posted_signed_with_the_submitters_results_and_an_answer_of_2xx_marks_the_delivery_delivered()
    {
        var (hospital, url, secret, tubes, delivery) = await ReleasedAsync();
        // The release's save handed the first attempt over once it had committed.
        Assert.Equal([(1, TimeSpan.Zero)], dispatcher.Of(delivery));
        var pending = await DeliveryAsync(hospital, delivery);
        Assert.Equal(("pending", 0, tubes.Length, app.Clock.Now), (pending.State, pending.Attempts, pending.Results, pending.NextAttemptAt));

        var attempt = await AttemptAsync(delivery, 1);

        Assert.Equal(new WebhookAttempt("delivered", 200, null, null), attempt);
        var post = Assert.Single(http.To(url));
        Assert.Equal(delivery.ToString(), post.Headers[WebhookHeaders.Delivery]);
        Assert.Equal(app.Clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), post.Headers[WebhookHeaders.Timestamp]);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), post.Body)), post.Headers[WebhookHeaders.Signature]);
        var body = post.Json;
        Assert.Equal((delivery, "results.released", 1, pending.ReleaseId),
            (body.GetProperty("deliveryId").GetGuid(), body.GetProperty("event").GetString(), body.GetProperty("attempt").GetInt32(), body.GetProperty("releaseId").GetGuid()));
        Assert.Equal(tubes.Order(StringComparer.Ordinal),
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("tubeBarcode").GetString()).Order(StringComparer.Ordinal));
        var delivered = await DeliveryAsync(hospital, delivery);
        Assert.Equal(("delivered", 1, 200, app.Clock.Now, null), (delivered.State, delivered.Attempts, delivered.LastStatus, delivered.DeliveredAt, delivered.NextAttemptAt));

        // The same attempt again, or one more (a job run twice or late), sends nothing.
        Assert.Equal("skipped", (await AttemptAsync(delivery, 1)).Outcome);
        Assert.Equal("skipped", (await AttemptAsync(delivery, 2)).Outcome);
        Assert.Single(http.To(url));
    }

    [Fact]
    public async Task A_failed_attempt_schedules_the_next_after_its_delay_and_the_last_failure_parks_the_delivery_as_dead()
    {
        var (hospital, url, _, _, delivery) = await ReleasedAsync();
        http.Statuses[url] = 500;

        var first = await AttemptAsync(delivery, 1);
        var afterFirst = await DeliveryAsync(hospital, delivery);
        var second = await AttemptAsync(delivery, 2);
        var third = await AttemptAsync(delivery, 3);

        Assert.Equal(("retry-scheduled", 500, TimeSpan.FromSeconds(30)), (first.Outcome, first.Status, first.RetryIn));
        Assert.Equal(("pending", 1, 500, app.Clock.Now.AddSeconds(30)), (afterFirst.State, afterFirst.Attempts, afterFirst.LastStatus, afterFirst.NextAttemptAt));
        Assert.Contains("500", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(("retry-scheduled", TimeSpan.FromMinutes(2)), (second.Outcome, second.RetryIn));
        Assert.Equal(("dead", null), (third.Outcome, third.RetryIn));
        Assert.Equal([(1, TimeSpan.Zero), (2, TimeSpan.FromSeconds(30)), (3, TimeSpan.FromMinutes(2))], dispatcher.Of(delivery));
        var dead = await DeliveryAsync(hospital, delivery);
        Assert.Equal(("dead", 3, app.Clock.Now, null), (dead.State, dead.Attempts, dead.DeadAt, dead.NextAttemptAt));
        Assert.Contains(await app.SendAsync(new ListWebhookDeliveries(null, "dead")), d => d.Id == delivery);
        Assert.DoesNotContain(await app.SendAsync(new ListWebhookDeliveries(hospital, "pending")), d => d.Id == delivery);
        // A dead delivery makes no attempt of its own.
        Assert.Equal("skipped", (await AttemptAsync(delivery, 4)).Outcome);
        var posts = http.To(url);
        Assert.Equal([1, 2, 3], posts.Select(p => p.Json.GetProperty("attempt").GetInt32()));
        Assert.All(posts, p => Assert.Equal(delivery.ToString(), p.Headers[WebhookHeaders.Delivery]));
    }

    [Fact]
    public async Task A_dead_delivery_retried_by_hand_gets_one_attempt_now_and_is_delivered_once_the_receiver_answers()
    {
        var (hospital, url, _, _, delivery) = await ReleasedAsync();
        http.Statuses[url] = 503;
        for (var attempt = 1; attempt <= 3; attempt++) await AttemptAsync(delivery, attempt);
        var code = (await DeliveryAsync(hospital, delivery)).Submitter;

        var retried = await app.SendAsync(new RetryWebhookDelivery(delivery, hospital, "api:" + code));
        var twice = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new RetryWebhookDelivery(delivery, hospital, "api:" + code)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new RetryWebhookDelivery(delivery, await app.SubmitterAsync(), "api:stranger")));

        Assert.Equal(("pending", "api:" + code, app.Clock.Now, app.Clock.Now, null), (retried.State, retried.RetriedBy, retried.RetriedAt, retried.NextAttemptAt, retried.DeadAt));
        Assert.Equal("delivery-not-dead", twice.Code);
        Assert.Equal((4, TimeSpan.Zero), dispatcher.Of(delivery)[^1]);

        // Still failing: that one attempt, and it is dead again without another scheduled.
        Assert.Equal("dead", (await AttemptAsync(delivery, 4)).Outcome);
        Assert.Equal(4, dispatcher.Of(delivery).Count);

        // Mended; the lab retries it, and it arrives.
        http.Statuses[url] = 204;
        await app.SendAsync(new RetryWebhookDelivery(delivery, null, AppFlow.Bench));
        Assert.Equal(new WebhookAttempt("delivered", 204, null, null), await AttemptAsync(delivery, 5));
        var delivered = await DeliveryAsync(hospital, delivery);
        Assert.Equal(("delivered", 5, 204, AppFlow.Bench), (delivered.State, delivered.Attempts, delivered.LastStatus, delivered.RetriedBy));
        Assert.Equal(5, http.To(url).Count);
    }

    [Fact]
    public async Task A_delivery_whose_webhook_was_removed_goes_dead_at_its_first_attempt_and_posts_nothing()
    {
        var (hospital, url, _, _, delivery) = await ReleasedAsync();

        await app.SendAsync(new RemoveWebhook(hospital));
        var attempt = await AttemptAsync(delivery, 1);

        Assert.Equal(("dead", null), (attempt.Outcome, attempt.Status));
        Assert.Contains("No webhook is registered", (await DeliveryAsync(hospital, delivery)).LastError, StringComparison.Ordinal);
        Assert.Empty(http.To(url));
        Assert.Equal([(1, TimeSpan.Zero)], dispatcher.Of(delivery));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetWebhook(hospital)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new RemoveWebhook(hospital)));
    }

    [Fact]
    public async Task The_sweeper_hands_over_again_a_pending_attempt_late_by_its_margin_once_and_leaves_delivered_ones()
    {
        var (hospital, _, _, _, delivery) = await ReleasedAsync();
        var released = app.Clock.Now;

        // As if the process had stopped between the release's commit and the hand-over: the attempt is never made.
        Assert.DoesNotContain(delivery, await app.SendAsync(new SweepWebhookDeliveries()));
        Assert.DoesNotContain(delivery, await app.AtAsync(released.AddMinutes(5).AddSeconds(-1), () => app.SendAsync(new SweepWebhookDeliveries())));
        var late = released.AddMinutes(5);
        Assert.Contains(delivery, await app.AtAsync(late, () => app.SendAsync(new SweepWebhookDeliveries())));
        // Handed over once: it is due from then, and the next sweeps leave it to its job until it is late again.
        Assert.DoesNotContain(delivery, await app.AtAsync(late.AddMinutes(1), () => app.SendAsync(new SweepWebhookDeliveries())));
        Assert.Equal([(1, TimeSpan.Zero), (1, TimeSpan.Zero)], dispatcher.Of(delivery));
        Assert.Equal(late, (await DeliveryAsync(hospital, delivery)).NextAttemptAt);

        await AttemptAsync(delivery, 1);
        Assert.DoesNotContain(delivery, await app.AtAsync(late.AddHours(1), () => app.SendAsync(new SweepWebhookDeliveries())));
        Assert.Equal(2, dispatcher.Of(delivery).Count);
    }

    private Task<WebhookAttempt> AttemptAsync(Guid delivery, int attempt) => app.SendAsync(new DeliverWebhook(delivery, attempt));

    private static string NewUrl() => $"https://hospital.example/lims/{Guid.NewGuid():N}";

    /// <summary>A new submitter with a webhook whose pooled tubes were released (negative): the one delivery of that release.</summary>
    private async Task<(SubmitterId Hospital, string Url, string Secret, string[] Tubes, Guid Delivery)> ReleasedAsync()
    {
        var hospital = await app.SubmitterAsync();
        var url = NewUrl();
        var secret = (await app.SendAsync(new RegisterWebhook(hospital, url))).Webhook.Secret;
        var (_, tubes) = await app.InactivatedTubesAsync(2, submitter: hospital);
        await app.ApproveAndReleaseAsync(await app.RunAsync(tubes, RunFiles.Negative, RunFiles.Negative));
        var delivery = Assert.Single(await app.SendAsync(new ListWebhookDeliveries(hospital, null)));
        return (hospital, url, secret, tubes, delivery.Id);
    }

    private async Task<WebhookDeliveryView> DeliveryAsync(SubmitterId hospital, Guid id) =>
        Assert.Single(await app.SendAsync(new ListWebhookDeliveries(hospital, null)), d => d.Id == id);
}

public sealed class SqliteWebhookTests(SqliteOutboundApp fixture) : WebhookTests(fixture), IClassFixture<SqliteOutboundApp>;

public sealed class PostgreSqlWebhookTests(PostgreSqlOutboundApp fixture) : WebhookTests(fixture), IClassFixture<PostgreSqlOutboundApp>;

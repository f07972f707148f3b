using Lims.Domain.Common;
using Lims.Domain.Webhooks;

namespace Lims.Domain.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    private static WebhookDelivery New() => WebhookDelivery.Create(SubmitterId.New(), Guid.NewGuid(), 3, At);

    [Fact]
    public void Each_failure_waits_its_delay_and_the_failure_after_the_last_delay_is_dead()
    {
        var delivery = New();
        Assert.Equal((WebhookDeliveryState.Pending, At), (delivery.State, delivery.NextAttemptAt));
        var now = At;
        for (var attempt = 1; attempt <= Delays.Length; attempt++)
        {
            Assert.True(delivery.AwaitsAttempt(attempt));
            Assert.Equal(Delays[attempt - 1], delivery.Failed(attempt, 500, "HTTP 500", Delays, now));
            Assert.Equal((WebhookDeliveryState.Pending, attempt, now + Delays[attempt - 1]), (delivery.State, delivery.Attempts, delivery.NextAttemptAt));
            now = delivery.NextAttemptAt;
        }
        Assert.Null(delivery.Failed(4, null, "timed out", Delays, now));
        Assert.Equal((WebhookDeliveryState.Dead, 4, (int?)null, now), (delivery.State, delivery.Attempts, delivery.LastStatus, delivery.DeadAt));
        Assert.False(delivery.AwaitsAttempt(5));
    }

    [Fact]
    public void An_attempt_that_is_not_due_is_refused_and_a_retry_by_hand_is_one_attempt()
    {
        var delivery = New();
        Assert.False(delivery.AwaitsAttempt(2));
        Assert.Equal("attempt-not-due", Assert.Throws<DomainException>(() => delivery.Succeeded(2, 200, At)).Code);
        Assert.Equal("delivery-not-dead", Assert.Throws<DomainException>(() => delivery.Retry("api:h", At)).Code);

        Assert.Null(delivery.Failed(1, 410, "gone", [], At));
        Assert.Equal(2, delivery.Retry("station:bench-1", At.AddHours(1)));
        Assert.Equal((WebhookDeliveryState.Pending, At.AddHours(1), "station:bench-1"), (delivery.State, delivery.NextAttemptAt, delivery.RetriedBy));
        // However many delays are configured, a failed retry is dead again.
        Assert.Null(delivery.Failed(2, 500, "HTTP 500", Delays, At.AddHours(1)));
        Assert.Equal(3, delivery.Retry("api:h", At.AddHours(2)));
        delivery.Succeeded(3, 204, At.AddHours(2));
        Assert.Equal((WebhookDeliveryState.Delivered, 3, At.AddHours(2)), (delivery.State, delivery.Attempts, delivery.DeliveredAt));
        Assert.False(delivery.AwaitsAttempt(4));
    }

    [Fact]
    public void A_long_error_is_cut_to_the_column()
    {
        var delivery = New();
        delivery.Failed(1, null, new string('x', 2_000), Delays, At);
        Assert.Equal(WebhookDelivery.MaxErrorLength, delivery.LastError!.Length);
    }
}

public sealed class WebhookSubscriptionTests
{
    [Theory]
    [InlineData("https://hospital.example/lims/results", "https://hospital.example/lims/results")]
    [InlineData(" http://127.0.0.1:8080/hook?x=1 ", "http://127.0.0.1:8080/hook?x=1")]
    [InlineData("HTTPS://Hospital.Example", "https://hospital.example/")]
    public void Absolute_http_and_https_urls_are_taken(string url, string normalized)
    {
        Assert.True(WebhookSubscription.IsValidUrl(url, out var valid, out var error), error);
        Assert.Equal(normalized, valid);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("ftp://example.org/x", "'ftp' is not allowed")]
    [InlineData("file:///etc/passwd", "'file' is not allowed")]
    [InlineData("/relative/path", "not an absolute URL")]
    [InlineData("relative/path", "not an absolute URL")]
    [InlineData("example.org/hook", "not an absolute URL")]
    [InlineData("http://", "not an absolute URL")]
    [InlineData("https://user:pw@example.org/", "no user name or password")]
    public void Anything_else_is_refused_with_the_reason(string? url, string reason)
    {
        Assert.False(WebhookSubscription.IsValidUrl(url, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Equal("invalid-webhook-url", Assert.Throws<DomainException>(() => WebhookSubscription.Create(SubmitterId.New(), url!, "s", DateTimeOffset.UnixEpoch)).Code);
    }

    [Fact]
    public void Secrets_are_random_and_masked_to_their_last_four_characters()
    {
        var secret = WebhookSubscription.NewSecret();
        Assert.StartsWith(WebhookSubscription.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Equal(6 + 43, secret.Length);
        Assert.NotEqual(secret, WebhookSubscription.NewSecret());
        var masked = WebhookSubscription.Mask(secret);
        Assert.Equal("whsec_" + new string('*', 39) + secret[^4..], masked);
    }
}

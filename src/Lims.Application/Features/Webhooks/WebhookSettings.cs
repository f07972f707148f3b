using System.Security.Cryptography;
using System.Text;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// Settings of webhook delivery: <c>Lims:Webhooks:RetryDelaysSeconds</c> (the wait before each retry: one attempt plus
/// one per delay, then the delivery is dead), <c>Lims:Webhooks:TimeoutSeconds</c> (no answer within it is a failure),
/// <c>Lims:Webhooks:SweepAfterSeconds</c> (a pending attempt this far past its time was never picked up: the sweeper
/// enqueues it again).
/// </summary>
public sealed record WebhookSettings(IReadOnlyList<TimeSpan> RetryDelays, TimeSpan Timeout, TimeSpan SweepAfter)
{
    public static readonly WebhookSettings Default = new(
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)],
        TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
}

/// <summary>The headers of every outbound POST and the signature they carry.</summary>
public static class WebhookHeaders
{
    public const string Signature = "X-Lims-Signature";
    public const string Timestamp = "X-Lims-Timestamp";
    public const string Delivery = "X-Lims-Delivery";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body, keyed with the UTF-8 bytes of the secret.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The headers for a body: delivery id, Unix-seconds timestamp, and the signature when there is a secret.</summary>
    public static Dictionary<string, string> For(Guid delivery, DateTimeOffset sentAt, string? secret, ReadOnlySpan<byte> body)
    {
        var headers = new Dictionary<string, string>
        {
            [Delivery] = delivery.ToString(),
            [Timestamp] = sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(secret)) headers[Signature] = Sign(secret, body);
        return headers;
    }
}

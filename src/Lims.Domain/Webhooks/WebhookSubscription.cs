using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Lims.Domain.Common;

namespace Lims.Domain.Webhooks;

/// <summary>
/// A submitter's webhook: the URL its released results are POSTed to, and the secret they are signed with
/// (HMAC-SHA256 of the body). One per submitter; registering again replaces the URL and issues a new secret.
/// </summary>
public sealed class WebhookSubscription
{
    public const int MaxUrlLength = 2000;
    public const string SecretPrefix = "whsec_";

    private WebhookSubscription() { }

    public Guid Id { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public string Url { get; private set; } = "";
    /// <summary>The signing key (its UTF-8 bytes): shown to the submitter once, when issued.</summary>
    public string Secret { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The secret as screens show it: the prefix and its last four characters.</summary>
    public string MaskedSecret => Mask(Secret);

    public static WebhookSubscription Create(SubmitterId submitter, string url, string secret, DateTimeOffset at)
    {
        var valid = CheckedUrl(url);
        return new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), SubmitterId = submitter, Url = valid, Secret = secret,
            CreatedAt = at.ToUniversalTime(), UpdatedAt = at.ToUniversalTime(),
        };
    }

    /// <summary>A new URL (or the same one) with a new secret: the old secret signs nothing from now on.</summary>
    public void Replace(string url, string secret, DateTimeOffset at)
    {
        Url = CheckedUrl(url);
        Secret = secret;
        UpdatedAt = at.ToUniversalTime();
        Version++;
    }

    /// <summary>A new random secret: <c>whsec_</c> and 32 random bytes in base64url.</summary>
    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Mask(string secret) =>
        secret.Length <= SecretPrefix.Length + 4 ? new string('*', secret.Length)
            : string.Concat(SecretPrefix, new string('*', secret.Length - SecretPrefix.Length - 4), secret.AsSpan(secret.Length - 4));

    /// <summary>
    /// An absolute http or https URL with a host and no credentials in it, at most <see cref="MaxUrlLength"/> characters;
    /// otherwise <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool IsValidUrl(string? url, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        var trimmed = url?.Trim();
        error = trimmed switch
        {
            null or "" => "A webhook URL is required.",
            { Length: > MaxUrlLength } => $"A webhook URL has at most {MaxUrlLength} characters.",
            // On Unix "/path" would parse as an absolute file: URI; a URL without a scheme is relative whatever the platform.
            _ when !trimmed.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(trimmed, UriKind.Absolute, out _) =>
                $"'{trimmed}' is not an absolute URL: give the whole address, e.g. https://example.org/lims/results.",
            _ => null,
        };
        if (error is not null) return false;
        var uri = new Uri(trimmed!, UriKind.Absolute);
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            error = $"The scheme '{uri.Scheme}' is not allowed: a webhook URL is http:// or https://.";
        else if (string.IsNullOrEmpty(uri.Host))
            error = "A webhook URL names a host.";
        else if (uri.UserInfo.Length > 0)
            error = "A webhook URL carries no user name or password: the receiver checks the X-Lims-Signature header instead.";
        if (error is not null) return false;
        normalized = uri.AbsoluteUri;
        return true;
    }

    private static string CheckedUrl(string url) =>
        IsValidUrl(url, out var normalized, out var error) ? normalized : throw new DomainException("invalid-webhook-url", error);
}

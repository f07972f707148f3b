using System.Net.Http.Headers;
using Lims.Application.Abstractions;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Outbound;

/// <summary>
/// Outbound POSTs through <see cref="IHttpClientFactory"/>: to the operator's configured endpoints with client
/// <see cref="ClientName"/>, to a submitter's webhook with <see cref="WebhookClientName"/>, which connects only to public
/// addresses (<see cref="OutboundAddresses"/>) and never through a proxy. Neither follows redirects, so a 3xx is a failure
/// like any answer that is not 2xx. The receiver's failures — an error status, no answer within the timeout, a refused
/// connection — come back as results with a short reason (the status, or what failed; the socket's own words go to the
/// log only); only the caller's cancellation throws.
/// </summary>
public sealed class OutboundHttp(IHttpClientFactory clients, ILogger<OutboundHttp> logger) : IOutboundHttp
{
    public const string ClientName = "lims-outbound";
    public const string WebhookClientName = "lims-webhooks";

    public async Task<OutboundResult> PostJsonAsync(Uri url, OutboundTarget target, byte[] body, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var client = clients.CreateClient(target switch
        {
            OutboundTarget.Configured => ClientName,
            OutboundTarget.Submitter => WebhookClientName,
        });
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new OutboundResult(true, status, null);
            return new OutboundResult(false, status, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundResult(false, null, $"No answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation(e, "POST to {Host} failed", url.Host);
            return new OutboundResult(false, null, Reason(e));
        }
    }

    /// <summary>What failed, in a few words that carry nothing of the network they were learnt on.</summary>
    internal static string Reason(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is OutboundAddressRefusedException refused) return refused.Message;
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "The host name could not be resolved.",
            HttpRequestError.ConnectionError => "Could not connect to the receiver.",
            HttpRequestError.SecureConnectionError => "The TLS handshake with the receiver failed.",
            HttpRequestError.ResponseEnded => "The receiver closed the connection without an answer.",
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => "The receiver's answer was not valid HTTP.",
            _ => $"The request failed ({e.HttpRequestError}).",
        };
    }
}

/// <summary>
/// The dispatcher of a process without job workers (the command line): it hands nothing over; the deliveries stay
/// pending and the recurring sweeper of the API process enqueues them once they are <c>Lims:Webhooks:SweepAfterSeconds</c> late.
/// </summary>
public sealed class SweeperWebhookDispatcher : IWebhookDispatcher
{
    public void Dispatch(Guid delivery, int attempt, TimeSpan delay) { }
}

using System.Net.Http.Headers;
using Lims.Application.Abstractions;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Outbound;

/// <summary>
/// Outbound POSTs through <see cref="IHttpClientFactory"/> (client <see cref="ClientName"/>: no redirects followed, so a
/// 3xx is a failure like any answer that is not 2xx). The receiver's failures — an error status, no answer within the
/// timeout, a refused connection — come back as results; only the caller's cancellation throws.
/// </summary>
public sealed class OutboundHttp(IHttpClientFactory clients, ILogger<OutboundHttp> logger) : IOutboundHttp
{
    public const string ClientName = "lims-outbound";

    public async Task<OutboundResult> PostJsonAsync(Uri url, byte[] body, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new OutboundResult(true, status, null);
            return new OutboundResult(false, status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundResult(false, null, $"No answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation("POST to {Host} failed: {Error}", url.Host, e.Message);
            return new OutboundResult(false, null, e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }
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

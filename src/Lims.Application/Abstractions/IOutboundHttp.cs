using Lims.Domain.Tubes;

namespace Lims.Application.Abstractions;

/// <summary>The answer to one outbound POST: <see cref="Success"/> for a 2xx status; otherwise the status (null when none came) and why.</summary>
public sealed record OutboundResult(bool Success, int? Status, string? Error);

/// <summary>Who chose where a POST goes.</summary>
public enum OutboundTarget
{
    /// <summary>The operator, in configuration (the public-health endpoint): sent wherever it points.</summary>
    Configured,

    /// <summary>A submitter (its webhook): sent only to a public address (<see cref="IOutboundAddresses"/>), checked again as it connects.</summary>
    Submitter,
}

/// <summary>POSTs JSON to other systems (webhooks, public health). Never throws for the receiver's failures: they are results.</summary>
public interface IOutboundHttp
{
    /// <param name="timeout">No answer within it is a failure.</param>
    Task<OutboundResult> PostJsonAsync(Uri url, OutboundTarget target, byte[] body, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// Where a submitter's URL may point: a host every address of which is public (not loopback, private, link-local,
/// CGNAT, multicast, unspecified or reserved, in any IPv6 form of them), or a host the operator allows by name.
/// </summary>
public interface IOutboundAddresses
{
    /// <returns>Null when POSTs to the URL's host are allowed; otherwise why not, worded for the submitter.</returns>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>
/// Hands webhook attempts to the job system, after the transaction that wrote them has committed. Never throws: an
/// attempt that could not be handed over stays pending, and the recurring sweeper enqueues it.
/// </summary>
public interface IWebhookDispatcher
{
    /// <summary>Attempt number <paramref name="attempt"/> of the delivery, after <paramref name="delay"/> (now when zero).</summary>
    void Dispatch(Guid delivery, int attempt, TimeSpan delay);
}

/// <summary>The clear id number of a stored person id, for the few outputs that must carry it (public-health reports).</summary>
public interface IPersonIdRevealer
{
    string Reveal(ProtectedPersonId id);
}

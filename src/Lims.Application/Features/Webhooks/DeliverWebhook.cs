using System.Text.Json;
using Lims.Application.Behaviors;
using Lims.Application.Features.Results;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// Makes attempt number <paramref name="Attempt"/> of a delivery: POSTs the submitter's results of the release, signed,
/// to its webhook, and records the answer. A failure schedules the next attempt after its delay, or parks the delivery
/// as dead when the attempts are used up. An attempt that is not due (made already) does nothing.
/// </summary>
public sealed record DeliverWebhook(Guid Delivery, int Attempt) : ICommand<WebhookAttempt>, INonTransactional;

public sealed class DeliverWebhookHandler(ILimsDbContext db, IOutboundHttp http, IWebhookDispatcher dispatcher, WebhookSettings settings, TimeProvider time)
    : ICommandHandler<DeliverWebhook, WebhookAttempt>
{
    private static readonly WebhookAttempt Skipped = new("skipped", null, null, null);

    public async ValueTask<WebhookAttempt> Handle(DeliverWebhook command, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.Delivery, cancellationToken);
        if (delivery is null || !delivery.AwaitsAttempt(command.Attempt)) return Skipped;
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.SubmitterId == delivery.SubmitterId, cancellationToken);

        OutboundResult result;
        if (subscription is null)
        {
            result = new OutboundResult(false, null, "No webhook is registered: register one, then retry the delivery.");
        }
        else
        {
            var results = await db.ReleasedTubes.AsNoTracking()
                .Where(r => r.ReleaseId == delivery.ReleaseId && r.SubmitterId == delivery.SubmitterId)
                .OrderBy(r => r.Cursor).ToListAsync(cancellationToken);
            var sentAt = time.GetUtcNow();
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new WebhookPayload(delivery.Id, WebhookPayload.ResultsReleased, delivery.ReleaseId, sentAt, command.Attempt, [.. results.Select(ResultViews.View)]),
                WebhookViews.Json);
            result = await http.PostJsonAsync(new Uri(subscription.Url), body, WebhookHeaders.For(delivery.Id, sentAt, subscription.Secret, body),
                settings.Timeout, cancellationToken);
        }

        var at = time.GetUtcNow();
        TimeSpan? retryIn = null;
        if (result.Success) delivery.Succeeded(command.Attempt, result.Status!.Value, at);
        // Without a webhook there is nothing to retry: the delivery waits in the dead-letter list.
        else retryIn = delivery.Failed(command.Attempt, result.Status, result.Error ?? "failed", subscription is null ? [] : settings.RetryDelays, at);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same attempt ran twice at once (the sweeper re-enqueued it): the other run recorded it.
            return Skipped;
        }
        if (retryIn is { } delay) dispatcher.Dispatch(delivery.Id, command.Attempt + 1, delay);
        return new WebhookAttempt(
            result.Success ? "delivered" : retryIn is null ? "dead" : "retry-scheduled", result.Status, result.Error, retryIn);
    }
}

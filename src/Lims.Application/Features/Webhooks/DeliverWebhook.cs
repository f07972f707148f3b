using System.Text.Json;
using Lims.Application.Behaviors;
using Lims.Application.Features.Recall;
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

    /// <summary>What the delivery tells, read now: the release's results of the submitter, or the recall case as it stands.</summary>
    private async Task<WebhookPayload> PayloadAsync(WebhookDelivery delivery, DateTimeOffset sentAt, int attempt, CancellationToken cancellationToken)
    {
        if (delivery.Event == WebhookEvent.ResultsReleased)
        {
            var results = await db.ReleasedTubes.AsNoTracking()
                .Where(r => r.ReleaseId == delivery.ReleaseId && r.SubmitterId == delivery.SubmitterId)
                .OrderBy(r => r.Cursor).ToListAsync(cancellationToken);
            return new(delivery.Id, delivery.Event.ToWire(), sentAt, attempt, delivery.ReleaseId, [.. results.Select(ResultViews.View)], null);
        }
        var id = new Domain.Pools.Recall.RecallCaseId(delivery.RecallCaseId!.Value);
        var recall = await db.RecallCases.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        return new(delivery.Id, delivery.Event.ToWire(), sentAt, attempt, null, null, RecallCaseView.From(recall));
    }

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
            var sentAt = time.GetUtcNow();
            var body = JsonSerializer.SerializeToUtf8Bytes(await PayloadAsync(delivery, sentAt, command.Attempt, cancellationToken), WebhookViews.Json);
            result = await http.PostJsonAsync(new Uri(subscription.Url), OutboundTarget.Submitter, body, WebhookHeaders.For(delivery.Id, sentAt, subscription.Secret, body),
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

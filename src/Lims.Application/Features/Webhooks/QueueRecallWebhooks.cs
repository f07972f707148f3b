using Lims.Application.Abstractions;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// A recall case shown to its submitter, or withdrawn after it was, is told to the submitter's webhook
/// (<c>recall.opened</c>, <c>recall.withdrawn</c>): an outbox row in the same save, handed to the job system after the commit.
/// </summary>
public sealed class QueueRecallWebhooks(ILimsDbContext db, IWebhookDispatcher dispatcher, IAfterCommit afterCommit) :
    IDomainEventHandler<RecallPublished>, IDomainEventHandler<RecallWithdrawn>
{
    public Task HandleAsync(IReadOnlyList<RecallPublished> events, CancellationToken cancellationToken) =>
        QueueAsync([.. events.Select(e => (e.Case, WebhookEvent.RecallOpened, e.Case.VisibleAt!.Value))], cancellationToken);

    public Task HandleAsync(IReadOnlyList<RecallWithdrawn> events, CancellationToken cancellationToken) =>
        QueueAsync([.. events.Select(e => (e.Case, WebhookEvent.RecallWithdrawn, e.Case.ClosedAt!.Value))], cancellationToken);

    private async Task QueueAsync(IReadOnlyList<(RecallCase Case, WebhookEvent Event, DateTimeOffset At)> told, CancellationToken cancellationToken)
    {
        var submitters = told.Select(t => t.Case.SubmitterId).Distinct().ToList();
        var subscribed = (await db.WebhookSubscriptions.AsNoTracking().Where(s => submitters.Contains(s.SubmitterId))
            .Select(s => s.SubmitterId).ToListAsync(cancellationToken)).ToHashSet();
        List<Guid> deliveries = [];
        foreach (var (recall, recallEvent, at) in told.Where(t => subscribed.Contains(t.Case.SubmitterId)))
        {
            var delivery = WebhookDelivery.ForRecall(recall.SubmitterId, recall.Id.Value, recallEvent, at);
            db.WebhookDeliveries.Add(delivery);
            deliveries.Add(delivery.Id);
        }
        if (deliveries.Count > 0)
            afterCommit.Run(() =>
            {
                foreach (var delivery in deliveries) dispatcher.Dispatch(delivery, 1, TimeSpan.Zero);
            });
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Results;
using Lims.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// The outbox of a release, in its save: one pending delivery per release and submitter that has a webhook. Each is
/// handed to the job system once the transaction has committed (the sweeper covers a stop in between).
/// </summary>
public sealed class QueueWebhookDeliveries(ILimsDbContext db, IWebhookDispatcher dispatcher, IAfterCommit afterCommit) : IDomainEventHandler<ResultReleased>
{
    public async Task HandleAsync(IReadOnlyList<ResultReleased> events, CancellationToken cancellationToken)
    {
        var releases = events.GroupBy(e => (e.Result.ReleaseId, e.Result.SubmitterId)).ToList();
        var submitters = releases.Select(r => r.Key.SubmitterId).Distinct().ToList();
        var subscribed = (await db.WebhookSubscriptions.AsNoTracking().Where(s => submitters.Contains(s.SubmitterId))
            .Select(s => s.SubmitterId).ToListAsync(cancellationToken)).ToHashSet();
        List<Guid> deliveries = [];
        foreach (var release in releases.Where(r => subscribed.Contains(r.Key.SubmitterId)))
        {
            var delivery = WebhookDelivery.Create(release.Key.SubmitterId, release.Key.ReleaseId, release.Count(), release.First().Result.ReleasedAt);
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

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// Enqueues again the pending attempts that are overdue by <see cref="WebhookSettings.SweepAfter"/>: their job was never
/// enqueued (the process stopped between the release's commit and the enqueue) or was lost. Returns the deliveries enqueued.
/// </summary>
public sealed record SweepWebhookDeliveries(int Limit = 1_000) : ICommand<IReadOnlyList<Guid>>;

public sealed class SweepWebhookDeliveriesHandler(ILimsDbContext db, IWebhookDispatcher dispatcher, IAfterCommit afterCommit, WebhookSettings settings, TimeProvider time)
    : ICommandHandler<SweepWebhookDeliveries, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(SweepWebhookDeliveries command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - settings.SweepAfter;
        var stale = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= cutoff)
            .OrderBy(d => d.NextAttemptAt).Take(command.Limit).Select(d => new { d.Id, d.Attempts }).ToListAsync(cancellationToken);
        if (stale.Count == 0) return [];
        var ids = stale.Select(d => d.Id).ToList();
        // Due from now: the next sweep leaves them alone while their job waits in the queue. An attempt made in between
        // is not due any more, and its job (enqueued below all the same) does nothing.
        await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.Version, d => d.Version + 1), cancellationToken);
        afterCommit.Run(() =>
        {
            foreach (var d in stale) dispatcher.Dispatch(d.Id, d.Attempts + 1, TimeSpan.Zero);
        });
        return ids;
    }
}

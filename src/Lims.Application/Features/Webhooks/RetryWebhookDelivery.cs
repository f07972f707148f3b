using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>Takes a dead delivery (of the submitter, when given) out of the dead-letter list for one more attempt, now.</summary>
public sealed record RetryWebhookDelivery(Guid Id, SubmitterId? Submitter, string Actor) : ICommand<WebhookDeliveryView>;

public sealed class RetryWebhookDeliveryHandler(ILimsDbContext db, IWebhookDispatcher dispatcher, IAfterCommit afterCommit, TimeProvider time) : ICommandHandler<RetryWebhookDelivery, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(RetryWebhookDelivery command, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
        if (delivery is null || (command.Submitter is { } owner && delivery.SubmitterId != owner))
            throw NotFoundException.Of("webhook delivery", command.Id);
        var attempt = delivery.Retry(command.Actor, time.GetUtcNow());
        await db.SaveOrConflictAsync(("delivery-changed", $"Delivery {command.Id} was changed at the same time; look at it again."), null, cancellationToken);
        afterCommit.Run(() => dispatcher.Dispatch(delivery.Id, attempt, TimeSpan.Zero));
        var code = await db.Submitters.AsNoTracking().Where(s => s.Id == delivery.SubmitterId).Select(s => s.Code).SingleAsync(cancellationToken);
        return WebhookViews.View(delivery, code);
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>The submitter's webhook with its secret masked.</summary>
public sealed record GetWebhook(SubmitterId Submitter) : IQuery<WebhookView>;

public sealed class GetWebhookHandler(ILimsDbContext db) : IQueryHandler<GetWebhook, WebhookView>
{
    public async ValueTask<WebhookView> Handle(GetWebhook query, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.SubmitterId == query.Submitter, cancellationToken)
            ?? throw new NotFoundException("You have no webhook: PUT one.");
        return new WebhookView(subscription.Url, subscription.MaskedSecret, subscription.CreatedAt, subscription.UpdatedAt);
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>Deliveries (of one submitter, or all for the lab), newest first; <paramref name="State"/> pending, delivered or dead.</summary>
public sealed record ListWebhookDeliveries(SubmitterId? Submitter, string? State, int Limit = 200) : IQuery<IReadOnlyList<WebhookDeliveryView>>;

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() =>
        RuleFor(q => q.State).Must(s => s is null || Wire.Parse<WebhookDeliveryState>(s) is not null)
            .WithMessage($"The state is {Wire.OneOf<WebhookDeliveryState>()}.").OverridePropertyName("state");
}

public sealed class ListWebhookDeliveriesHandler(ILimsDbContext db) : IQueryHandler<ListWebhookDeliveries, IReadOnlyList<WebhookDeliveryView>>
{
    public async ValueTask<IReadOnlyList<WebhookDeliveryView>> Handle(ListWebhookDeliveries query, CancellationToken cancellationToken)
    {
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (query.Submitter is { } submitter) deliveries = deliveries.Where(d => d.SubmitterId == submitter);
        if (Wire.Parse<WebhookDeliveryState>(query.State) is { } state) deliveries = deliveries.Where(d => d.State == state);
        var rows = await deliveries
            .Join(db.Submitters.AsNoTracking(), d => d.SubmitterId, s => s.Id, (d, s) => new { Delivery = d, s.Code })
            .OrderByDescending(r => r.Delivery.CreatedAt).ThenByDescending(r => r.Delivery.Id).Take(Math.Clamp(query.Limit, 1, 1_000))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => WebhookViews.View(r.Delivery, r.Code))];
    }
}

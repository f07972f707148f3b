using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

// A submitter's webhook: register (or replace) the URL with a new signing secret, look at it, remove it.

/// <param name="Secret">In full only in the answer to a registration; masked everywhere else.</param>
public sealed record WebhookView(string Url, string Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="Created">True when the submitter had no webhook before.</param>
public sealed record WebhookRegistration(WebhookView Webhook, bool Created);

/// <summary>Registers the submitter's webhook, or replaces its URL; either way a new signing secret is issued and answered once.</summary>
public sealed record RegisterWebhook(SubmitterId Submitter, string? Url) : ICommand<WebhookRegistration>;

public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhook>
{
    public RegisterWebhookValidator()
    {
        RuleFor(c => c.Url).Must(url => WebhookSubscription.IsValidUrl(url, out _, out _))
            .WithMessage(c => WebhookSubscription.IsValidUrl(c.Url, out _, out var error) ? "" : error)
            .OverridePropertyName("url");
    }
}

public sealed class RegisterWebhookHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<RegisterWebhook, WebhookRegistration>
{
    public async ValueTask<WebhookRegistration> Handle(RegisterWebhook command, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var secret = WebhookSubscription.NewSecret();
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.SubmitterId == command.Submitter, cancellationToken);
        var created = subscription is null;
        if (subscription is null)
        {
            subscription = WebhookSubscription.Create(command.Submitter, command.Url!, secret, at);
            db.WebhookSubscriptions.Add(subscription);
        }
        else
        {
            subscription.Replace(command.Url!, secret, at);
        }
        var conflict = ("webhook-changed", "Your webhook was changed by another request at the same time; send yours again.");
        await db.SaveOrConflictAsync(conflict, conflict, cancellationToken);
        return new WebhookRegistration(new WebhookView(subscription.Url, secret, subscription.CreatedAt, subscription.UpdatedAt), created);
    }
}

/// <summary>The submitter's webhook with its secret masked; null when it has none.</summary>
public sealed record GetWebhook(SubmitterId Submitter) : IQuery<WebhookView?>;

public sealed class GetWebhookHandler(ILimsDbContext db) : IQueryHandler<GetWebhook, WebhookView?>
{
    public async ValueTask<WebhookView?> Handle(GetWebhook query, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.SubmitterId == query.Submitter, cancellationToken);
        return subscription is null ? null : new WebhookView(subscription.Url, subscription.MaskedSecret, subscription.CreatedAt, subscription.UpdatedAt);
    }
}

/// <summary>Removes the submitter's webhook: nothing more is sent (deliveries still pending go dead). False when it had none.</summary>
public sealed record RemoveWebhook(SubmitterId Submitter) : ICommand<bool>;

public sealed class RemoveWebhookHandler(ILimsDbContext db) : ICommandHandler<RemoveWebhook, bool>
{
    public async ValueTask<bool> Handle(RemoveWebhook command, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.Where(s => s.SubmitterId == command.Submitter).ExecuteDeleteAsync(cancellationToken) > 0;
}

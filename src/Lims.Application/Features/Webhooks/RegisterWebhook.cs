using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>Registers the submitter's webhook, or replaces its URL; either way a new signing secret is issued and answered once.</summary>
public sealed record RegisterWebhook(SubmitterId Submitter, string? Url) : ICommand<WebhookRegistration>;

/// <summary>A well-formed URL (<see cref="WebhookSubscription.IsValidUrl"/>) whose host resolves to public addresses only (<see cref="IOutboundAddresses"/>).</summary>
public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhook>
{
    public RegisterWebhookValidator(IOutboundAddresses addresses)
    {
        RuleFor(c => c.Url).CustomAsync(async (url, context, cancellationToken) =>
        {
            if (!WebhookSubscription.IsValidUrl(url, out var normalized, out var error)) context.AddFailure("url", error);
            else if (await addresses.RefusalAsync(new Uri(normalized), cancellationToken) is { } refusal) context.AddFailure("url", refusal);
        });
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

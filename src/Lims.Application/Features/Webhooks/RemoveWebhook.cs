using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

/// <summary>Removes the submitter's webhook: nothing more is sent (deliveries still pending go dead).</summary>
public sealed record RemoveWebhook(SubmitterId Submitter) : ICommand;

public sealed class RemoveWebhookHandler(ILimsDbContext db) : ICommandHandler<RemoveWebhook>
{
    public async ValueTask<Unit> Handle(RemoveWebhook command, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.Where(s => s.SubmitterId == command.Submitter).ExecuteDeleteAsync(cancellationToken) > 0
            ? Unit.Value
            : throw new NotFoundException("You have no webhook.");
}

using Lims.Application.Abstractions;
using Lims.Domain.PublicHealth;
using Lims.Domain.Results;

namespace Lims.Application.Features.PublicHealth;

/// <summary>Every positive person of a released result is to be reported to public health: a notification each, in the release's save.</summary>
public sealed class QueuePublicHealthNotifications(ILimsDbContext db) : IDomainEventHandler<ResultReleased>
{
    public Task HandleAsync(IReadOnlyList<ResultReleased> events, CancellationToken cancellationToken)
    {
        foreach (var released in events) db.PublicHealthNotifications.AddRange(PublicHealthNotification.For(released.Result));
        return Task.CompletedTask;
    }
}

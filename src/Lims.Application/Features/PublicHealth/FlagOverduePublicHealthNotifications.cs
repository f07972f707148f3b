using Lims.Application.Abstractions;
using Lims.Domain.PublicHealth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.PublicHealth;

/// <summary>
/// Flags the notifications still unsent <see cref="PublicHealthSettings.Deadline"/> after their release
/// (<see cref="PublicHealthNotification.OverdueRule"/>). Set-based; twice flags nothing new.
/// </summary>
public sealed record FlagOverduePublicHealthNotifications : ICommand<int>;

public sealed class FlagOverduePublicHealthNotificationsHandler(ILimsDbContext db, PublicHealthSettings settings, TimeProvider time)
    : ICommandHandler<FlagOverduePublicHealthNotifications, int>
{
    public async ValueTask<int> Handle(FlagOverduePublicHealthNotifications command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.PublicHealthNotifications.Where(PublicHealthNotification.IsOverdue(now, settings.Deadline))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.OverdueSince, now).SetProperty(n => n.Version, n => n.Version + 1), cancellationToken);
    }
}


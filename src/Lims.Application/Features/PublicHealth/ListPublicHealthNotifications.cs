using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.PublicHealth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.PublicHealth;

/// <summary>Notifications, latest release first; <paramref name="State"/> pending, sent, failed, or overdue (unsent and flagged).</summary>
public sealed record ListPublicHealthNotifications(string? State, int Limit = 200) : IQuery<IReadOnlyList<PublicHealthNotificationView>>
{
    public static readonly IReadOnlyList<string> States = ["pending", "sent", "failed", "overdue"];
}

public sealed class ListPublicHealthNotificationsValidator : AbstractValidator<ListPublicHealthNotifications>
{
    public ListPublicHealthNotificationsValidator() =>
        RuleFor(q => q.State).Must(s => s is null || ListPublicHealthNotifications.States.Contains(s))
            .WithMessage("The state is pending, sent, failed or overdue.").OverridePropertyName("state");
}

public sealed class ListPublicHealthNotificationsHandler(ILimsDbContext db, PublicHealthSettings settings)
    : IQueryHandler<ListPublicHealthNotifications, IReadOnlyList<PublicHealthNotificationView>>
{
    public async ValueTask<IReadOnlyList<PublicHealthNotificationView>> Handle(ListPublicHealthNotifications query, CancellationToken cancellationToken)
    {
        var notifications = db.PublicHealthNotifications.AsNoTracking();
        notifications = query.State switch
        {
            "pending" => notifications.Where(n => n.State == NotificationState.Pending),
            "sent" => notifications.Where(n => n.State == NotificationState.Sent),
            "failed" => notifications.Where(n => n.State == NotificationState.Failed),
            "overdue" => notifications.Where(n => n.State != NotificationState.Sent && n.OverdueSince != null),
            _ => notifications,
        };
        var rows = await notifications
            .Join(db.Submitters.AsNoTracking(), n => n.SubmitterId, s => s.Id, (n, s) => new { Notification = n, s.Code })
            .OrderByDescending(r => r.Notification.ReleasedAt).ThenByDescending(r => r.Notification.Id).Take(Math.Clamp(query.Limit, 1, 1_000))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var n = r.Notification;
            return new PublicHealthNotificationView(
                n.Id, n.TubeBarcode.Value, r.Code, n.Position, n.MaskedId, n.ReleasedAt, n.ReleasedAt + settings.Deadline,
                n.State.ToWire(), n.Attempts, n.LastAttemptAt, n.LastStatus, n.LastError, n.SentAt, n.OverdueSince);
        })];
    }
}


using Lims.Domain.Common;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Results;
using Lims.Application.Features.Webhooks;
using Lims.Domain.PublicHealth;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.PublicHealth;

// Positives reported to public health within the deadline of their release (PRODUCT.md, "Time rules"): a notification
// per positive person, written in the release's transaction, sent in batches by a recurring job, flagged when overdue.

/// <summary>
/// <c>Lims:PublicHealth:Endpoint</c> (where reports are POSTed; none: nothing is sent, notifications stay pending and
/// are still flagged overdue), <c>Lims:PublicHealth:DeadlineMinutes</c> (120), <c>Lims:PublicHealth:BatchSize</c>
/// (notifications per POST), <c>Lims:PublicHealth:SigningSecret</c> (optional: reports then carry X-Lims-Signature as
/// webhooks do), <c>Lims:PublicHealth:TimeoutSeconds</c>.
/// </summary>
public sealed record PublicHealthSettings(Uri? Endpoint, TimeSpan Deadline, int BatchSize, string? SigningSecret, TimeSpan Timeout)
{
    public static readonly PublicHealthSettings Default = new(null, TimeSpan.FromHours(2), 500, null, TimeSpan.FromSeconds(30));
}

/// <summary>One POST to public health: a batch of positive cases.</summary>
/// <param name="BatchId">Also the <c>X-Lims-Delivery</c> header.</param>
public sealed record PublicHealthReport(Guid BatchId, DateTimeOffset SentAt, IReadOnlyList<PositiveCaseReport> Cases);

/// <summary>A positive person, identified in clear (public health must reach them), with the result it comes from.</summary>
/// <param name="NotificationId">The same on every attempt: drop repeats by it.</param>
public sealed record PositiveCaseReport(
    Guid NotificationId, string Submitter, string SubmitterName, string Tube, string Site, DateTimeOffset CollectedAt, DateTimeOffset ReleasedAt,
    string KitCode, string KitVersion, IReadOnlyList<TargetCtView> Targets, PositivePersonReport Person);

public sealed record PositivePersonReport(int Position, string IdType, string IdNumber, string Name, string? Phone);

/// <summary>How a run of the sender went: notifications sent and failed; <see cref="Configured"/> false when no endpoint is set.</summary>
public sealed record PublicHealthSendResult(int Sent, int Failed, bool Configured);

/// <summary>
/// Sends the unsent notifications (pending, and failed ones again), oldest release first, <see cref="PublicHealthSettings.BatchSize"/>
/// per POST, up to <paramref name="MaxBatches"/> POSTs; stops at the first failed batch (the next run tries again).
/// </summary>
public sealed record SendPublicHealthNotifications(int MaxBatches = 20) : ICommand<PublicHealthSendResult>;

public sealed class SendPublicHealthNotificationsHandler(
    ILimsDbContext db, IOutboundHttp http, IPersonIdRevealer revealer, PublicHealthSettings settings, TimeProvider time)
    : ICommandHandler<SendPublicHealthNotifications, PublicHealthSendResult>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<PublicHealthSendResult> Handle(SendPublicHealthNotifications command, CancellationToken cancellationToken)
    {
        if (settings.Endpoint is not { } endpoint) return new PublicHealthSendResult(0, 0, false);
        int sent = 0, failed = 0;
        for (var i = 0; i < command.MaxBatches; i++)
        {
            var batch = await db.PublicHealthNotifications.Where(n => n.State != NotificationState.Sent)
                .OrderBy(n => n.ReleasedAt).ThenBy(n => n.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            var report = new PublicHealthReport(Guid.CreateVersion7(), time.GetUtcNow(), await CasesAsync(batch, cancellationToken));
            var body = JsonSerializer.SerializeToUtf8Bytes(report, Json);
            var result = await http.PostJsonAsync(endpoint, body, WebhookHeaders.For(report.BatchId, report.SentAt, settings.SigningSecret, body),
                settings.Timeout, cancellationToken);
            var at = time.GetUtcNow();
            foreach (var notification in batch)
            {
                if (result.Success) notification.Sent(result.Status!.Value, at);
                else notification.Failed(result.Status, result.Error ?? "failed", at);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (!result.Success)
            {
                failed += batch.Count;
                break;
            }
            sent += batch.Count;
        }
        return new PublicHealthSendResult(sent, failed, true);
    }

    private async Task<IReadOnlyList<PositiveCaseReport>> CasesAsync(IReadOnlyList<PublicHealthNotification> batch, CancellationToken cancellationToken)
    {
        var releasedIds = batch.Select(n => n.ReleasedTubeId).Distinct().ToList();
        var released = await db.ReleasedTubes.AsNoTracking().Where(r => releasedIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var tubeIds = batch.Select(n => n.TubeId).Distinct().ToList();
        var tubes = await db.Tubes.AsNoTracking().Where(t => tubeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var submitterIds = batch.Select(n => n.SubmitterId).Distinct().ToList();
        var submitters = await db.Submitters.AsNoTracking().Where(s => submitterIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return [.. batch.Select(n =>
        {
            var result = released[n.ReleasedTubeId];
            var member = tubes[n.TubeId].Members.Single(m => m.Position == n.Position);
            var submitter = submitters[n.SubmitterId];
            return new PositiveCaseReport(
                n.Id, submitter.Code, submitter.Name, result.Barcode.Value, result.Site, result.CollectedAt, result.ReleasedAt, result.KitCode, result.KitVersion,
                JsonSerializer.Deserialize<List<TargetCtView>>(result.Targets, Json)!,
                new PositivePersonReport(member.Position, member.Person.Type.ToWire(), revealer.Reveal(member.Person), member.Name, member.Phone));
        })];
    }
}

/// <summary>Flags the notifications still unsent <see cref="PublicHealthSettings.Deadline"/> after their release. Set-based; twice flags nothing new.</summary>
public sealed record FlagOverduePublicHealthNotifications : ICommand<int>;

public sealed class FlagOverduePublicHealthNotificationsHandler(ILimsDbContext db, PublicHealthSettings settings, TimeProvider time)
    : ICommandHandler<FlagOverduePublicHealthNotifications, int>
{
    public async ValueTask<int> Handle(FlagOverduePublicHealthNotifications command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var releasedBefore = now - settings.Deadline;
        return await db.PublicHealthNotifications
            .Where(n => n.State != NotificationState.Sent && n.OverdueSince == null && n.ReleasedAt <= releasedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.OverdueSince, now).SetProperty(n => n.Version, n => n.Version + 1), cancellationToken);
    }
}

/// <param name="DueAt">The release plus the deadline.</param>
/// <param name="IdNumber">Masked.</param>
public sealed record PublicHealthNotificationView(
    Guid Id, string Tube, string Submitter, int Position, string IdNumber, DateTimeOffset ReleasedAt, DateTimeOffset DueAt, string State, int Attempts,
    DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? SentAt, DateTimeOffset? OverdueSince);

/// <summary>Notifications, latest release first; <paramref name="State"/> pending, sent, failed, or overdue (unsent and flagged).</summary>
public sealed record ListPublicHealthNotifications(string? State, int Limit = 200) : IQuery<IReadOnlyList<PublicHealthNotificationView>>;

public sealed class ListPublicHealthNotificationsHandler(ILimsDbContext db, PublicHealthSettings settings)
    : IQueryHandler<ListPublicHealthNotifications, IReadOnlyList<PublicHealthNotificationView>>
{
    public async ValueTask<IReadOnlyList<PublicHealthNotificationView>> Handle(ListPublicHealthNotifications query, CancellationToken cancellationToken)
    {
        var notifications = db.PublicHealthNotifications.AsNoTracking();
        notifications = query.State switch
        {
            null => notifications,
            "pending" => notifications.Where(n => n.State == NotificationState.Pending),
            "sent" => notifications.Where(n => n.State == NotificationState.Sent),
            "failed" => notifications.Where(n => n.State == NotificationState.Failed),
            "overdue" => notifications.Where(n => n.State != NotificationState.Sent && n.OverdueSince != null),
            _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = ["The state is pending, sent, failed or overdue."] }),
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

internal static class PublicHealthOutbox
{
    /// <summary>The notifications of a release, in its transaction: one per positive person of the released tubes.</summary>
    public static int Add(ILimsDbContext db, IReadOnlyList<ReleasedTube> released)
    {
        var added = 0;
        foreach (var notification in released.SelectMany(PublicHealthNotification.For))
        {
            db.PublicHealthNotifications.Add(notification);
            added++;
        }
        return added;
    }
}

using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Application.Features.Results;
using Lims.Application.Features.Webhooks;
using Lims.Domain.Common;
using Lims.Domain.PublicHealth;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.PublicHealth;

/// <summary>
/// Sends the unsent notifications (pending, and failed ones again), oldest release first, <see cref="PublicHealthSettings.BatchSize"/>
/// per POST, up to <paramref name="MaxBatches"/> POSTs; stops at the first failed batch (the next run tries again).
/// </summary>
public sealed record SendPublicHealthNotifications(int MaxBatches = 20) : ICommand<PublicHealthSendResult>, INonTransactional;

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
            var result = await http.PostJsonAsync(endpoint, OutboundTarget.Configured, body, WebhookHeaders.For(report.BatchId, report.SentAt, settings.SigningSecret, body),
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


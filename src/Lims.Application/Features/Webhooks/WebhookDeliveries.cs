using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Results;
using Lims.Domain.Common;
using Lims.Domain.Results;
using Lims.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Webhooks;

// Webhook deliveries: the outbox rows a release writes, their attempts (one job per release and submitter, retried
// with back-off through the job scheduler), the sweeper that enqueues attempts that were never picked up, and the
// dead-letter list with its retry.

/// <summary>What a webhook POSTs: one release's results for the receiving submitter (TubeResultViews, as the pull answers them).</summary>
/// <param name="DeliveryId">The same on every attempt (also the <c>X-Lims-Delivery</c> header): drop repeats by it.</param>
/// <param name="SentAt">This attempt's time; <c>X-Lims-Timestamp</c> is the same instant in Unix seconds.</param>
public sealed record WebhookPayload(Guid DeliveryId, string Event, Guid ReleaseId, DateTimeOffset SentAt, int Attempt, IReadOnlyList<TubeResultView> Results)
{
    public const string ResultsReleased = "results.released";
}

public sealed record WebhookDeliveryView(
    Guid Id, Guid ReleaseId, string Submitter, int Results, string State, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadAt,
    DateTimeOffset? RetriedAt, string? RetriedBy);

/// <summary>Deliveries (of one submitter, or all for the lab), newest first; <paramref name="State"/> pending, delivered or dead.</summary>
public sealed record ListWebhookDeliveries(SubmitterId? Submitter, string? State, int Limit = 200) : IQuery<IReadOnlyList<WebhookDeliveryView>>;

public sealed class ListWebhookDeliveriesHandler(ILimsDbContext db) : IQueryHandler<ListWebhookDeliveries, IReadOnlyList<WebhookDeliveryView>>
{
    public async ValueTask<IReadOnlyList<WebhookDeliveryView>> Handle(ListWebhookDeliveries query, CancellationToken cancellationToken)
    {
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (query.Submitter is { } submitter) deliveries = deliveries.Where(d => d.SubmitterId == submitter);
        if (query.State is not null)
        {
            var state = WebhookDeliveries.ParseState(query.State)
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["state"] = ["The state is pending, delivered or dead."] });
            deliveries = deliveries.Where(d => d.State == state);
        }
        var rows = await deliveries
            .Join(db.Submitters.AsNoTracking(), d => d.SubmitterId, s => s.Id, (d, s) => new { Delivery = d, s.Code })
            .OrderByDescending(r => r.Delivery.CreatedAt).ThenByDescending(r => r.Delivery.Id).Take(Math.Clamp(query.Limit, 1, 1_000))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => WebhookDeliveries.View(r.Delivery, r.Code))];
    }
}

/// <summary>Takes a dead delivery (of the submitter, when given) out of the dead-letter list for one more attempt, now.</summary>
public sealed record RetryWebhookDelivery(Guid Id, SubmitterId? Submitter, string Actor) : ICommand<WebhookDeliveryView>;

public sealed class RetryWebhookDeliveryHandler(ILimsDbContext db, IWebhookDispatcher dispatcher, TimeProvider time) : ICommandHandler<RetryWebhookDelivery, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(RetryWebhookDelivery command, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
        if (delivery is null || (command.Submitter is { } owner && delivery.SubmitterId != owner))
            throw new NotFoundException($"There is no webhook delivery {command.Id}.");
        var attempt = delivery.Retry(command.Actor, time.GetUtcNow());
        await db.SaveOrConflictAsync(("delivery-changed", $"Delivery {command.Id} was changed at the same time; look at it again."), null, cancellationToken);
        dispatcher.Dispatch(delivery.Id, attempt, TimeSpan.Zero);
        var code = await db.Submitters.AsNoTracking().Where(s => s.Id == delivery.SubmitterId).Select(s => s.Code).SingleAsync(cancellationToken);
        return WebhookDeliveries.View(delivery, code);
    }
}

/// <summary>What an attempt came to: <c>delivered</c>, <c>retry-scheduled</c>, <c>dead</c>, or <c>skipped</c> (not due: made already, or not pending).</summary>
public sealed record WebhookAttempt(string Outcome, int? Status, string? Error, TimeSpan? RetryIn);

/// <summary>
/// Makes attempt number <paramref name="Attempt"/> of a delivery: POSTs the submitter's results of the release, signed,
/// to its webhook, and records the answer. A failure schedules the next attempt after its delay, or parks the delivery
/// as dead when the attempts are used up. An attempt that is not due (made already) does nothing.
/// </summary>
public sealed record DeliverWebhook(Guid Delivery, int Attempt) : ICommand<WebhookAttempt>;

public sealed class DeliverWebhookHandler(ILimsDbContext db, IOutboundHttp http, IWebhookDispatcher dispatcher, WebhookSettings settings, TimeProvider time)
    : ICommandHandler<DeliverWebhook, WebhookAttempt>
{
    private static readonly WebhookAttempt Skipped = new("skipped", null, null, null);

    public async ValueTask<WebhookAttempt> Handle(DeliverWebhook command, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.Delivery, cancellationToken);
        if (delivery is null || !delivery.AwaitsAttempt(command.Attempt)) return Skipped;
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.SubmitterId == delivery.SubmitterId, cancellationToken);

        OutboundResult result;
        if (subscription is null)
        {
            result = new OutboundResult(false, null, "No webhook is registered: register one, then retry the delivery.");
        }
        else
        {
            var results = await db.ReleasedTubes.AsNoTracking()
                .Where(r => r.ReleaseId == delivery.ReleaseId && r.SubmitterId == delivery.SubmitterId)
                .OrderBy(r => r.Cursor).ToListAsync(cancellationToken);
            var sentAt = time.GetUtcNow();
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new WebhookPayload(delivery.Id, WebhookPayload.ResultsReleased, delivery.ReleaseId, sentAt, command.Attempt, [.. results.Select(Releases.View)]),
                WebhookDeliveries.Json);
            result = await http.PostJsonAsync(new Uri(subscription.Url), body, WebhookHeaders.For(delivery.Id, sentAt, subscription.Secret, body),
                settings.Timeout, cancellationToken);
        }

        var at = time.GetUtcNow();
        TimeSpan? retryIn = null;
        if (result.Success) delivery.Succeeded(command.Attempt, result.Status!.Value, at);
        // Without a webhook there is nothing to retry: the delivery waits in the dead-letter list.
        else retryIn = delivery.Failed(command.Attempt, result.Status, result.Error ?? "failed", subscription is null ? [] : settings.RetryDelays, at);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same attempt ran twice at once (the sweeper re-enqueued it): the other run recorded it.
            return Skipped;
        }
        if (retryIn is { } delay) dispatcher.Dispatch(delivery.Id, command.Attempt + 1, delay);
        return new WebhookAttempt(
            result.Success ? "delivered" : retryIn is null ? "dead" : "retry-scheduled", result.Status, result.Error, retryIn);
    }
}

/// <summary>
/// Enqueues again the pending attempts that are overdue by <see cref="WebhookSettings.SweepAfter"/>: their job was never
/// enqueued (the process stopped between the release's commit and the enqueue) or was lost. Returns the deliveries enqueued.
/// </summary>
public sealed record SweepWebhookDeliveries(int Limit = 1_000) : ICommand<IReadOnlyList<Guid>>;

public sealed class SweepWebhookDeliveriesHandler(ILimsDbContext db, IWebhookDispatcher dispatcher, WebhookSettings settings, TimeProvider time)
    : ICommandHandler<SweepWebhookDeliveries, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(SweepWebhookDeliveries command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - settings.SweepAfter;
        var stale = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= cutoff)
            .OrderBy(d => d.NextAttemptAt).Take(command.Limit).Select(d => new { d.Id, d.Attempts }).ToListAsync(cancellationToken);
        if (stale.Count == 0) return [];
        var ids = stale.Select(d => d.Id).ToList();
        // Due from now: the next sweep leaves them alone while their job waits in the queue. An attempt made in between
        // is not due any more, and its job (enqueued below all the same) does nothing.
        await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.Version, d => d.Version + 1), cancellationToken);
        foreach (var d in stale) dispatcher.Dispatch(d.Id, d.Attempts + 1, TimeSpan.Zero);
        return ids;
    }
}

internal static class WebhookDeliveries
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The outbox of a release, in its transaction: one pending delivery for each submitter of the released tubes that
    /// has a webhook. Returns their ids, to dispatch once the transaction has committed.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> AddAsync(ILimsDbContext db, Guid releaseId, IReadOnlyList<ReleasedTube> released, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var counts = released.GroupBy(r => r.SubmitterId).ToDictionary(g => g.Key, g => g.Count());
        var submitters = counts.Keys.ToList();
        var subscribed = await db.WebhookSubscriptions.AsNoTracking().Where(s => submitters.Contains(s.SubmitterId))
            .Select(s => s.SubmitterId).ToListAsync(cancellationToken);
        List<Guid> ids = [];
        foreach (var submitter in subscribed)
        {
            var delivery = WebhookDelivery.Create(submitter, releaseId, counts[submitter], at);
            db.WebhookDeliveries.Add(delivery);
            ids.Add(delivery.Id);
        }
        return ids;
    }

    public static WebhookDeliveryState? ParseState(string state) => state switch
    {
        "pending" => WebhookDeliveryState.Pending,
        "delivered" => WebhookDeliveryState.Delivered,
        "dead" => WebhookDeliveryState.Dead,
        _ => null,
    };

    public static WebhookDeliveryView View(WebhookDelivery d, string submitter) => new(
        d.Id, d.ReleaseId, submitter, d.Results, d.State.ToWire(), d.CreatedAt, d.Attempts,
        d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatus, d.LastError,
        d.DeliveredAt, d.DeadAt, d.RetriedAt, d.RetriedBy);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Results;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Webhooks;

namespace Lims.Application.Features.Webhooks;

/// <summary>
/// What a webhook POSTs: <c>results.released</c> — one release's results for the receiving submitter (TubeResultViews,
/// as the pull answers them) — or <c>recall.opened</c> / <c>recall.withdrawn</c> — the recall case, as
/// <c>GET /api/v1/recalls/{id}</c> answers it. Only the members of the event are written.
/// </summary>
/// <param name="DeliveryId">The same on every attempt (also the <c>X-Lims-Delivery</c> header): drop repeats by it.</param>
/// <param name="SentAt">This attempt's time; <c>X-Lims-Timestamp</c> is the same instant in Unix seconds.</param>
public sealed record WebhookPayload(
    Guid DeliveryId, string Event, DateTimeOffset SentAt, int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ReleaseId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TubeResultView>? Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecallCaseView? Recall);

/// <param name="Event">results.released, recall.opened or recall.withdrawn.</param>
/// <param name="ReleaseId">The release, for results.released.</param>
/// <param name="RecallCaseId">The recall case, for the recall events.</param>
public sealed record WebhookDeliveryView(
    Guid Id, string Event, Guid? ReleaseId, Guid? RecallCaseId, string Submitter, int Results, string State, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadAt,
    DateTimeOffset? RetriedAt, string? RetriedBy);

/// <summary>What an attempt came to: <c>delivered</c>, <c>retry-scheduled</c>, <c>dead</c>, or <c>skipped</c> (not due: made already, or not pending).</summary>
public sealed record WebhookAttempt(string Outcome, int? Status, string? Error, TimeSpan? RetryIn);

/// <param name="Secret">In full only in the answer to a registration; masked everywhere else.</param>
public sealed record WebhookView(string Url, string Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="Created">True when the submitter had no webhook before.</param>
public sealed record WebhookRegistration(WebhookView Webhook, bool Created);

internal static class WebhookViews
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebhookDeliveryView View(WebhookDelivery d, string submitter) => new(
        d.Id, d.Event.ToWire(), d.ReleaseId, d.RecallCaseId, submitter, d.Results, d.State.ToWire(), d.CreatedAt, d.Attempts,
        d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatus, d.LastError,
        d.DeliveredAt, d.DeadAt, d.RetriedAt, d.RetriedBy);
}

using System.Text.Json;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Audit;

/// <summary>
/// Audit events after <paramref name="After"/> in sequence order, of one entity type (and entity) when given; a page
/// of at most <paramref name="Limit"/>, with the sequence number to ask after for the next page.
/// </summary>
public sealed record ListAuditEvents(long After = 0, string? EntityType = null, string? EntityId = null, int Limit = ListAuditEvents.DefaultLimit)
    : IQuery<AuditPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <param name="Next">Ask again with <c>after</c> = this for the next page; null when this page is the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Events, long? Next);

/// <param name="Before">The changed values before, as a JSON object (null for a new entity or an event without one).</param>
/// <param name="After">The changed values after, as a JSON object.</param>
public sealed record AuditEventView(
    long Seq, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, JsonElement? Before, JsonElement? After,
    string? Reason, string PrevHash, string Hash)
{
    public static AuditEventView From(AuditEvent e) =>
        new(e.Seq, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, Parse(e.Before), Parse(e.After), e.Reason, e.PrevHash, e.Hash);

    // The stored text is shown as it is even when it is not JSON (`lims audit verify` says whether it was changed).
    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEvents>
{
    public ListAuditEventsValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0).OverridePropertyName("after");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAuditEvents.MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.EntityType).NotEmpty().When(q => q.EntityId is not null)
            .WithMessage("An entityId is looked up within an entityType (e.g. entityType=tube&entityId=TB00000001).").OverridePropertyName("entityType");
        RuleFor(q => q.EntityType).MaximumLength(AuditRecord.MaxEntityTypeLength).OverridePropertyName("entityType");
        RuleFor(q => q.EntityId).MaximumLength(AuditRecord.MaxEntityIdLength).OverridePropertyName("entityId");
    }
}

public sealed class ListAuditEventsHandler(ILimsDbContext db) : IQueryHandler<ListAuditEvents, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditEvents query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking().Where(e => e.Seq > query.After);
        if (query.EntityType is { } type) events = events.Where(e => e.EntityType == type);
        if (query.EntityId is { } id) events = events.Where(e => e.EntityId == id);
        var found = await events.OrderBy(e => e.Seq).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var page = found.Count > query.Limit ? found[..query.Limit] : found;
        return new AuditPage([.. page.Select(AuditEventView.From)], found.Count > query.Limit ? page[^1].Seq : null);
    }
}

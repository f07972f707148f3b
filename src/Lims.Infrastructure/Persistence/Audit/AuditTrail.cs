using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lims.Application.Abstractions;
using Lims.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// The scope's audit trail: events recorded for the next save (<see cref="AuditInterceptor"/> writes them with the
/// entity changes), events appended at once in a scope of their own, and the bulk writers' summary events.
/// </summary>
internal sealed class AuditTrail(ICurrentActor actor, TimeProvider time, IServiceScopeFactory scopes, IServiceProvider scope) : IAuditTrail
{
    private readonly List<AuditRecord> _pending = [];
    private readonly HashSet<Type> _summarized = [];

    public string Actor => actor.Name;

    /// <summary>Events recorded and not yet written, oldest first.</summary>
    public IReadOnlyList<AuditRecord> Pending => _pending;

    /// <summary>Entity types whose new rows are summed up by one event of the bulk path that writes them.</summary>
    public IReadOnlySet<Type> Summarized => _summarized;

    public void Record(string action, string entityType, string entityId, object? before = null, object? after = null, string? reason = null) =>
        Record(Build(action, entityType, entityId, before, after, reason));

    public async Task AppendNowAsync(string action, string entityType, string entityId, object? before = null, object? after = null, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        // The append waits for the chain head, which this scope's transaction may hold already (it holds SQLite's one write
        // lock from its start): it would wait for itself until the timeout. Record the event for that transaction instead.
        if (scope.GetRequiredService<LimsDbContext>().Database.CurrentTransaction is not null)
            throw new InvalidOperationException(
                $"'{action}' was appended at once while this scope's transaction is open: it would wait for that transaction's locks. Record it with the transaction, or append it before the transaction begins.");
        var record = Build(action, entityType, entityId, before, after, reason);
        await using var own = scopes.CreateAsyncScope();
        own.ServiceProvider.GetRequiredService<AuditTrail>()._pending.Add(record);
        await own.ServiceProvider.GetRequiredService<LimsDbContext>().SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records an event built with <see cref="Build"/> for the next save.</summary>
    public AuditRecord Record(AuditRecord record)
    {
        _pending.Add(record);
        return record;
    }

    /// <summary>An event by the current actor.</summary>
    public AuditRecord Build(string action, string entityType, string entityId, object? before, object? after, string? reason) =>
        new(actor.Name, action, entityType, entityId, Json(before), Json(after), reason);

    /// <summary>The first <paramref name="count"/> pending events were committed.</summary>
    public void Written(int count) => _pending.RemoveRange(0, count);

    /// <summary>From now on in this scope, saves do not record new <paramref name="type"/> rows one by one: their writer records one summary.</summary>
    public void Summarize(Type type) => _summarized.Add(type);

    /// <summary>Appends events inside a transaction a bulk writer holds, as the last thing before its commit.</summary>
    public Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        AuditAppender.AppendAsync(connection, transaction, records, time, cancellationToken);

    private static string? Json(object? value) => value switch
    {
        null => null,
        JsonNode node => node.ToJsonString(AuditPolicy.Json),
        JsonElement element => JsonSerializer.Serialize(element, AuditPolicy.Json),
        _ => JsonSerializer.Serialize(value, value.GetType(), AuditPolicy.Json),
    };
}

namespace Lims.Domain.Audit;

/// <summary>
/// What an audit event says before it takes its place in the chain: who did what to which entity, the changed
/// values before and after (small JSON objects, never personal data) and why.
/// </summary>
public sealed record AuditRecord
{
    public const int MaxActorLength = 200;
    public const int MaxActionLength = 64;
    public const int MaxEntityTypeLength = 64;
    public const int MaxEntityIdLength = 200;
    public const int MaxReasonLength = 1000;

    public AuditRecord(string actor, string action, string entityType, string entityId, string? before, string? after, string? reason)
    {
        Actor = Required(actor, MaxActorLength, nameof(actor));
        Action = Required(action, MaxActionLength, nameof(action));
        EntityType = Required(entityType, MaxEntityTypeLength, nameof(entityType));
        EntityId = entityId.Length <= MaxEntityIdLength ? entityId : throw new ArgumentException($"An entity id is at most {MaxEntityIdLength} characters.", nameof(entityId));
        Before = before;
        After = after;
        // A reason is what a person wrote: kept whole up to the limit, and marked where it was cut.
        Reason = string.IsNullOrWhiteSpace(reason) ? null
            : reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");
    }

    public string Actor { get; }
    public string Action { get; }
    public string EntityType { get; }
    public string EntityId { get; }
    public string? Before { get; }
    public string? After { get; }
    public string? Reason { get; }

    private static string Required(string value, int max, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("An audit event names its " + name + ".", name)
        : value.Length <= max ? value : throw new ArgumentException($"An audit event's {name} is at most {max} characters.", name);
}

/// <summary>
/// One link of the audit trail. Appended in commit order, never changed: it carries the hash of the event before it
/// and its own hash over both (<see cref="AuditChain.Hash"/>), so an edited, removed or reordered event breaks the chain.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public long Seq { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Reason { get; private set; }
    public string PrevHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The event <paramref name="record"/> as link <paramref name="seq"/> after the event whose hash is <paramref name="prevHash"/>.</summary>
    public static AuditEvent Link(AuditRecord record, long seq, string prevHash, DateTimeOffset at)
    {
        if (seq < 1) throw new ArgumentOutOfRangeException(nameof(seq), "Sequence numbers start at 1.");
        var e = new AuditEvent
        {
            Seq = seq, At = AuditChain.Normalize(at), Actor = record.Actor, Action = record.Action, EntityType = record.EntityType,
            EntityId = record.EntityId, Before = record.Before, After = record.After, Reason = record.Reason, PrevHash = prevHash,
        };
        e.Hash = AuditChain.Hash(e);
        return e;
    }
}

/// <summary>The last link of the chain: appenders lock it, chain after it and move it on, so appends happen one at a time in commit order.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public const string MissingMessage = "The audit chain head is missing (audit_chain_head, id 1): the database was not migrated, or the row was deleted.";

    private AuditChainHead() { }

    public int Id { get; private set; }
    public long Seq { get; private set; }
    public string Hash { get; private set; } = "";

    /// <summary>The head of an empty chain.</summary>
    public static AuditChainHead Genesis() => new() { Id = SingletonId, Seq = 0, Hash = AuditChain.GenesisHash };
}

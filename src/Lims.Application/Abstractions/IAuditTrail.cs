namespace Lims.Application.Abstractions;

/// <summary>
/// Who is acting in this scope (an HTTP request, a CLI command, a job run), as the audit trail records it:
/// <c>api:&lt;submitter&gt;</c>, <c>station:&lt;name&gt;</c>, <c>user:&lt;name&gt;</c>, <c>cli:&lt;os user&gt;</c>,
/// <c>job:&lt;job&gt;</c>; <c>system</c> until someone sets it.
/// </summary>
public interface ICurrentActor
{
    string Name { get; }

    /// <summary>Sets who acts from now on in this scope (1–200 characters).</summary>
    void Set(string name);
}

/// <summary>
/// Audit events that are not entity changes (those are recorded by the database layer on every save): a login, a
/// failed login, a signature, a set-based change. The actor is <see cref="ICurrentActor"/>'s; the time is when the
/// event joins the chain. <paramref name="before"/> and <paramref name="after"/> are serialized as small JSON
/// objects (camelCase) and must never carry personal data (names, phones, national ids, secrets or their hashes).
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Records an event that is written with the next save of this scope's unit of work, in its transaction: if that
    /// save fails, the event stays pending with the rest of the unit of work, and a scope that never saves writes nothing.
    /// </summary>
    void Record(string action, string entityType, string entityId, object? before = null, object? after = null, string? reason = null);

    /// <summary>
    /// Appends an event at once, in a transaction of its own on a connection of its own, whatever becomes of this
    /// scope's unit of work (a failed login is recorded although the request fails). Never while this scope's transaction
    /// is open (an <see cref="InvalidOperationException"/>): the append would wait for that transaction's locks — on SQLite
    /// its one write lock — and so for itself.
    /// </summary>
    Task AppendNowAsync(string action, string entityType, string entityId, object? before = null, object? after = null, string? reason = null,
        CancellationToken cancellationToken = default);
}

/// <summary>The scoped <see cref="ICurrentActor"/>.</summary>
public sealed class CurrentActor : ICurrentActor
{
    public const string System = "system";

    public string Name { get; private set; } = System;

    public void Set(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > Domain.Audit.AuditRecord.MaxActorLength)
            throw new ArgumentException($"An actor is named with 1 to {Domain.Audit.AuditRecord.MaxActorLength} characters.", nameof(name));
        Name = name;
    }
}

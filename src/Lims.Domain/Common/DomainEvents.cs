namespace Lims.Domain.Common;

/// <summary>
/// Something that happened to an aggregate which other parts of the lab react to: a pool called positive, a call
/// overridden, a tube sent back to retest, a result released. Events are dispatched by the save that persists the
/// aggregate, in its transaction, so a reaction is never lost and never happens without its cause.
/// </summary>
public interface IDomainEvent;

/// <summary>An aggregate that records what happened to it until the save that persists it takes the events.</summary>
public abstract class AggregateRoot
{
    private List<IDomainEvent>? _raised;

    /// <summary>Raised since the last save, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _raised is null ? [] : _raised.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent) => (_raised ??= []).Add(domainEvent);

    /// <summary>The events raised since the last call, handed over once.</summary>
    public IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var raised = DomainEvents;
        _raised = null;
        return raised;
    }
}

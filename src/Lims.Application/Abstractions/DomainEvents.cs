using Lims.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Application.Abstractions;

/// <summary>
/// A reaction to a kind of domain event. It is handed every event of its kind raised since the last dispatch at once
/// (a run import calls dozens of tubes, a release releases a plate), so it can work set-based. It runs inside the save
/// that persists the events, in its transaction: it changes aggregates and adds rows in the same unit of work, and if
/// the save fails, nothing of it stays. A reaction never commits and never calls another system; for what must happen
/// once the transaction has committed, see <see cref="IAfterCommit"/>.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);
}

/// <summary>Hands the events of a save to their reactions (<see cref="DomainEventReactions"/>), kind by kind, in the order the kinds were first raised.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}

/// <summary>Runs work once the current transaction has committed (never when it rolls back): handing jobs to the job system.</summary>
public interface IAfterCommit
{
    /// <summary>Runs <paramref name="action"/> after the commit of the transaction in progress, or now when none is.</summary>
    void Run(Action action);
}

/// <summary>
/// Which reaction handles which kind of event: the table is written out in one place (<see cref="DependencyInjection"/>),
/// so what happens when a pool is called positive or a result is released can be read there, not discovered.
/// </summary>
public sealed class DomainEventReactions
{
    private readonly Dictionary<Type, List<Func<IServiceProvider, IReadOnlyList<IDomainEvent>, CancellationToken, Task>>> _reactions = [];
    private readonly List<Type> _handlers = [];

    /// <summary>When events of <typeparamref name="TEvent"/> are raised, <typeparamref name="THandler"/> handles them (after the reactions added before it).</summary>
    public DomainEventReactions On<TEvent, THandler>() where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent>
    {
        if (!_reactions.TryGetValue(typeof(TEvent), out var list)) _reactions[typeof(TEvent)] = list = [];
        list.Add((services, events, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync([.. events.Cast<TEvent>()], cancellationToken));
        if (!_handlers.Contains(typeof(THandler))) _handlers.Add(typeof(THandler));
        return this;
    }

    /// <summary>The handler types, to register as scoped services.</summary>
    public IReadOnlyList<Type> Handlers => _handlers;

    internal IReadOnlyList<Func<IServiceProvider, IReadOnlyList<IDomainEvent>, CancellationToken, Task>> For(Type eventType) =>
        _reactions.TryGetValue(eventType, out var list) ? list : [];
}

/// <summary>The scoped dispatcher: the handlers are resolved from the scope of the save.</summary>
public sealed class DomainEventDispatcher(IServiceProvider services, DomainEventReactions reactions) : IDomainEventDispatcher
{
    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        foreach (var kind in events.GroupBy(e => e.GetType()))
        {
            var ofKind = kind.ToList();
            foreach (var react in reactions.For(kind.Key)) await react(services, ofKind, cancellationToken);
        }
    }
}

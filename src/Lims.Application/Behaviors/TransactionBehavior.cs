using Lims.Application.Abstractions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Application.Behaviors;

/// <summary>
/// The unit of work of a command: everything it saves — its aggregates, the reactions to their events, the audit
/// trail — commits together or not at all. Queries run without one; a command sent inside another joins its
/// transaction; a command marked <see cref="INonTransactional"/> manages its own.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is INonTransactional) return await next(message, cancellationToken);
        // Resolved here, not in the constructor: queries (the public look-up among them) never build a database context for it.
        var database = services.GetRequiredService<ILimsDbContext>().Database;
        if (database.CurrentTransaction is not null) return await next(message, cancellationToken);
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}

/// <summary>
/// A command that is not run in one transaction: its bulk writer commits by itself (batch registration), it signs
/// someone in (a refused attempt must be recorded although the command fails), or it waits on another system
/// (webhooks, public health) and must not hold a transaction meanwhile.
/// </summary>
public interface INonTransactional;

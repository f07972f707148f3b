using System.Data.Common;
using Lims.Application.Abstractions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// Work queued until the context's transaction commits (handing webhook attempts to the job system), dropped when it
/// rolls back. One per scope, as the context is. A savepoint rolled back inside a transaction that then commits does
/// not take back what was queued meanwhile: what is queued must tolerate that (a webhook job whose delivery was never
/// written does nothing).
/// </summary>
internal sealed class AfterCommit : DbTransactionInterceptor, IAfterCommit
{
    private readonly List<Action> _queued = [];
    private Microsoft.EntityFrameworkCore.DbContext? _context;

    public void Run(Action action)
    {
        if (_context?.Database.CurrentTransaction is not null) _queued.Add(action);
        else action();
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Started(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Started(eventData);
        return ValueTask.FromResult(result);
    }

    // A transaction disposed without a commit rolls back without telling: whatever it had queued goes with the next start.
    private void Started(TransactionEndEventData eventData)
    {
        _queued.Clear();
        _context = eventData.Context;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop();
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Drop();

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        var queued = _queued.ToList();
        _queued.Clear();
        foreach (var action in queued) action();
    }

    private void Drop() => _queued.Clear();
}

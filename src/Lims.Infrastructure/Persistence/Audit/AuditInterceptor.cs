using Lims.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// Every save writes its audit events in its own transaction: before the save, the changes of the tracked entities
/// are captured (with the events recorded through <see cref="AuditTrail"/>), and a transaction is begun unless the
/// caller has one; after the entity rows are written — so keys the database generates are known — the events are
/// built and appended (the chain head is locked only then) and the transaction is committed. A save that fails writes no event and leaves recorded events pending.
/// One interceptor per context (scoped), as a context saves one thing at a time.
/// </summary>
internal sealed class AuditInterceptor(AuditTrail trail) : SaveChangesInterceptor
{
    private Save? _save;

    private sealed record Save(AuditRecord[] Recorded, List<EntityChanges.Change> Changes, IDbContextTransaction? Own, DbContext Context, bool Savepoints)
    {
        public void End()
        {
            if (Own is null) return;
            Own.Dispose();
            Context.Database.AutoSavepointsEnabled = Savepoints;
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeginAsync(eventData.Context!, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await BeginAsync(eventData.Context!, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndAsync(eventData.Context!, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EndAsync(eventData.Context!, sync: false, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon();

    // A concurrency conflict is not a failed save to EF: SaveChangesFailed is not called for it, only this. Without it the
    // save's own transaction stayed open until the context was disposed — on SQLite holding the write lock, so that every
    // other writer (this request's own audit append on another connection included) waited for it, up to its timeout.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Abandon();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Abandon();
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    private async Task BeginAsync(DbContext db, bool sync, CancellationToken cancellationToken)
    {
        Abandon();
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        var changes = EntityChanges.Collect(db, trail.Actor, trail.Summarized);
        if (trail.Pending.Count == 0 && changes.Count == 0) return;
        var own = db.Database.CurrentTransaction is not null ? null
            : sync ? db.Database.BeginTransaction()
            : await db.Database.BeginTransactionAsync(cancellationToken);
        // EF puts a savepoint around a save inside a transaction it did not begin; ours is rolled back whole on failure.
        var savepoints = db.Database.AutoSavepointsEnabled;
        if (own is not null) db.Database.AutoSavepointsEnabled = false;
        _save = new Save([.. trail.Pending], changes, own, db, savepoints);
    }

    private async Task EndAsync(DbContext db, bool sync, CancellationToken cancellationToken)
    {
        if (_save is not { } save) return;
        _save = null;
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("The transaction of the save ended before its audit events were written.");
            await trail.AppendAsync(transaction.Connection!, transaction, [.. save.Recorded, .. save.Changes.Select(c => c.Record())], cancellationToken);
            if (save.Own is { } own)
            {
                if (sync) own.Commit();
                else await own.CommitAsync(cancellationToken);
            }
            trail.Written(save.Recorded.Length);
        }
        finally
        {
            save.End();
        }
    }

    private void Abandon()
    {
        // Disposing a transaction that was not committed rolls it back.
        _save?.End();
        _save = null;
    }
}

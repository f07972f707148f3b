using Lims.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// Every save writes its audit events in its own transaction: before the save, the changes of the tracked entities
/// are turned into events (with the events recorded through <see cref="AuditTrail"/>), and a transaction is begun
/// unless the caller has one; after the entity rows are written, the events are appended (the chain head is locked
/// only then) and the transaction is committed. A save that fails writes no event and leaves recorded events pending.
/// One interceptor per context (scoped), as a context saves one thing at a time.
/// </summary>
internal sealed class AuditInterceptor(AuditTrail trail) : SaveChangesInterceptor
{
    private Save? _save;

    private sealed record Save(List<AuditRecord> Records, int Recorded, IDbContextTransaction? Own, DbContext Context, bool Savepoints)
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

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    private async Task BeginAsync(DbContext db, bool sync, CancellationToken cancellationToken)
    {
        Abandon();
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        var records = new List<AuditRecord>(trail.Pending);
        records.AddRange(EntityChanges.Collect(db, trail.Actor, trail.Summarized));
        if (records.Count == 0) return;
        var own = db.Database.CurrentTransaction is not null ? null
            : sync ? db.Database.BeginTransaction()
            : await db.Database.BeginTransactionAsync(cancellationToken);
        // EF puts a savepoint around a save inside a transaction it did not begin; ours is rolled back whole on failure.
        var savepoints = db.Database.AutoSavepointsEnabled;
        if (own is not null) db.Database.AutoSavepointsEnabled = false;
        _save = new Save(records, trail.Pending.Count, own, db, savepoints);
    }

    private async Task EndAsync(DbContext db, bool sync, CancellationToken cancellationToken)
    {
        if (_save is not { } save) return;
        _save = null;
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("The transaction of the save ended before its audit events were written.");
            await trail.AppendAsync(transaction.Connection!, transaction, save.Records, cancellationToken);
            if (save.Own is { } own)
            {
                if (sync) own.Commit();
                else await own.CommitAsync(cancellationToken);
            }
            trail.Written(save.Recorded);
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

using Lims.Application.Abstractions;
using Lims.Domain.Pools.Recall;
using Lims.Infrastructure.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// PostgreSQL: cases and members with binary COPY, in one transaction that first takes the recall table's
/// SHARE ROW EXCLUSIVE lock (one writer of cases at a time; readers go on) and drops the pools that have a case;
/// one audit event sums up the pass.
/// </summary>
internal sealed class PostgreSqlRecallCaseWriter(LimsDbContext db, AuditTrail audit) : IRecallCaseWriter
{
    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(IReadOnlyList<RecallCase> cases, CancellationToken cancellationToken)
    {
        if (cases.Count == 0) return [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE recall_cases IN SHARE ROW EXCLUSIVE MODE", connection, tx))
                await lockTable.ExecuteNonQueryAsync(cancellationToken);

            var existing = new HashSet<Guid>();
            await using (var query = new NpgsqlCommand("SELECT pool_tube_id FROM recall_cases WHERE pool_tube_id = ANY(@ids)", connection, tx))
            {
                query.Parameters.AddWithValue("ids", cases.Select(c => c.PoolTubeId.Value).ToArray());
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetGuid(0));
            }
            var fresh = existing.Count == 0 ? cases : [.. cases.Where(c => !existing.Contains(c.PoolTubeId.Value))];

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY recall_cases (id, pool_tube_id, pool_barcode, submitter_id, site, opened_at, due_at, status, version) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var c in fresh)
                {
                    copy.StartRow();
                    copy.Write(c.Id.Value, NpgsqlDbType.Uuid);
                    copy.Write(c.PoolTubeId.Value, NpgsqlDbType.Uuid);
                    copy.Write(c.PoolBarcode.Value, NpgsqlDbType.Varchar);
                    copy.Write(c.SubmitterId.Value, NpgsqlDbType.Uuid);
                    copy.Write(c.Site, NpgsqlDbType.Varchar);
                    copy.Write(c.OpenedAt, NpgsqlDbType.TimestampTz);
                    copy.Write(c.DueAt, NpgsqlDbType.TimestampTz);
                    copy.Write(EnumNames<RecallStatus>.Of(c.Status), NpgsqlDbType.Varchar);
                    copy.Write(c.Version, NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY recall_members (recall_case_id, position, person_masked, person_lookup_hash, order_barcode) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var c in fresh)
                    foreach (var m in c.Members)
                    {
                        copy.StartRow();
                        copy.Write(c.Id.Value, NpgsqlDbType.Uuid);
                        copy.Write(m.Position, NpgsqlDbType.Integer);
                        copy.Write(m.PersonMasked, NpgsqlDbType.Varchar);
                        copy.Write(m.PersonLookupHash, NpgsqlDbType.Bytea);
                        copy.Write(m.OrderBarcode.Value, NpgsqlDbType.Varchar);
                    }
                await copy.CompleteAsync(cancellationToken);
            }
            if (fresh.Count > 0) await audit.AppendAsync(connection, tx, [BulkAudit.RecallCasesOpened(audit, fresh)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return [.. fresh.Select(c => c.Id)];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// SQLite and SQL Server: one <c>SaveChanges</c> in a transaction, after dropping the pools that have a case. A case
/// written by another pass between that check and the insert fails the unique pool index: nothing of this pass is
/// written, and the next pass opens what is still missing.
/// </summary>
internal sealed class EfRecallCaseWriter(LimsDbContext db, AuditTrail audit) : IRecallCaseWriter
{
    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(IReadOnlyList<RecallCase> cases, CancellationToken cancellationToken)
    {
        if (cases.Count == 0) return [];
        var pools = cases.Select(c => c.PoolTubeId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.RecallCases.AsNoTracking().Where(c => pools.Contains(c.PoolTubeId)).Select(c => c.PoolTubeId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = cases.Where(c => !existing.Contains(c.PoolTubeId)).ToList();
        db.RecallCases.AddRange(fresh);
        // One summary event for the pass, as on PostgreSQL, rather than one per case.
        using var summarized = audit.Summarize(typeof(RecallCase));
        var summary = fresh.Count > 0 ? audit.Record(BulkAudit.RecallCasesOpened(audit, fresh)) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return [.. fresh.Select(c => c.Id)];
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (summary is not null) audit.Discard(summary);
            return [];
        }
        finally
        {
            foreach (var c in fresh) db.Entry(c).State = EntityState.Detached;
        }
    }
}

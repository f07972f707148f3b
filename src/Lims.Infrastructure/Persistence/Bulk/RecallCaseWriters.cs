using Lims.Application.Abstractions;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;
using Lims.Infrastructure.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// PostgreSQL: the whole pass in one statement, in one transaction that first takes the recall table's SHARE ROW
/// EXCLUSIVE lock (one writer of cases at a time; readers go on). The cases come from the process (their ids and
/// pools); the members are made inside the database from <c>tube_members</c>, so the people never travel to the process
/// and back: each pool's people by position get the pass's order barcodes in turn (<see cref="RecallPass"/>), their
/// numbers found in the ranges and their Damm check digits computed in SQL, as <see cref="BarcodeRange.Format"/> does.
/// One audit event sums up the pass.
/// </summary>
internal sealed class PostgreSqlRecallCaseWriter(LimsDbContext db, AuditTrail audit) : IRecallCaseWriter
{
    // A person's pool starts at ordinal `first` of the pass, and positions run 1, 2, … in a tube (Tube binds people
    // in turn and never removes one), so the person at `position` gets the order barcode of ordinal
    // o = first + position - 1: the one RecallPass.Open gives the position-th person. `position <= members` keeps a
    // pool to the people it was counted with. The ranges are taken back to back: o falls in range
    // k = width_bucket(o, @order_starts), whose sequence numbers start at @order_firsts[k], which gives the sequence
    // number s (worked out once per row: OFFSET 0 keeps the subquery from being folded into the expressions that use
    // s). The check digit goes on from the interim digit after the prefix (@interim) three digits at a time through
    // @damm3. No ORDER BY: the order rows go in does not matter, and sorting a day's members spills to disk at the
    // default work_mem.
    private const string Sql = """
        WITH fresh AS MATERIALIZED (
            -- the pools of the pass that have no case (the table is locked: none gets one meanwhile)
            SELECT * FROM unnest(@cases, @tubes, @barcodes, @submitters, @sites, @members, @firsts)
                AS p (id, tube, barcode, submitter, site, members, first)
            WHERE NOT EXISTS (SELECT FROM recall_cases c WHERE c.pool_tube_id = p.tube)
        ),
        opened AS (
            INSERT INTO recall_cases (id, pool_tube_id, pool_barcode, submitter_id, site, opened_at, due_at, status, version)
            SELECT id, tube, barcode, submitter, site, @opened_at, @due_at, @status, 0 FROM fresh
            RETURNING id
        ),
        written AS (
            INSERT INTO recall_members (recall_case_id, position, person_masked, person_lookup_hash, order_barcode)
            SELECT id, position, id_masked, id_hash,
                   @prefix || lpad(s::text, 9, '0')
                   || (@damm3)[(@damm3)[(@damm3)[@interim * 1000 + s / 1000000 + 1] * 1000 + s / 1000 % 1000 + 1] * 1000 + s % 1000 + 1]
            FROM (
                SELECT fresh.id, m.position, m.id_masked, m.id_hash,
                       (@order_firsts)[k] + o - (@order_starts)[k] AS s
                FROM fresh
                JOIN tube_members m ON m.tube_id = fresh.tube AND m.position <= fresh.members
                CROSS JOIN LATERAL (SELECT fresh.first + m.position - 1 AS o) o
                CROSS JOIN LATERAL (SELECT width_bucket(o, @order_starts) AS k) k
                OFFSET 0
            ) member
        )
        SELECT id FROM opened
        """;

    /// <summary>Damm's check three digits at a time: from interim digit i, the digits of b (000 to 999) lead to [i * 1000 + b] (1-based in SQL).</summary>
    private static readonly int[] Damm3 = [.. Enumerable.Range(0, 10_000).Select(k =>
        BarcodeRange.DammNext(BarcodeRange.DammNext(BarcodeRange.DammNext(k / 1000, k / 100 % 10), k / 10 % 10), k % 10))];

    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass, CancellationToken cancellationToken)
    {
        var pools = pass.Pools;
        if (pools.Count == 0) return [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // In the caller's unit of work when it has one (a run import), else in one of its own (the sweeping job, a benchmark).
            await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            // JIT off: the statement's estimates put it over the JIT threshold, and compiling it costs more than running it.
            // Memory for joining a day's positive pools to their people (~260,000 rows) without spilling to temporary files.
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE recall_cases IN SHARE ROW EXCLUSIVE MODE; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'", connection, tx))
                await lockTable.ExecuteNonQueryAsync(cancellationToken);

            var opened = new HashSet<Guid>(pools.Count);
            await using (var command = new NpgsqlCommand(Sql, connection, tx))
            {
                var p = command.Parameters;
                p.Add(new NpgsqlParameter<Guid[]>("cases", [.. pools.Select(x => x.Case.Value)]));
                p.Add(new NpgsqlParameter<Guid[]>("tubes", [.. pools.Select(x => x.Tube.Value)]));
                p.Add(new NpgsqlParameter<string[]>("barcodes", [.. pools.Select(x => x.Barcode.Value)]));
                p.Add(new NpgsqlParameter<Guid[]>("submitters", [.. pools.Select(x => x.Submitter.Value)]));
                p.Add(new NpgsqlParameter<string[]>("sites", [.. pools.Select(x => x.Site)]));
                p.Add(new NpgsqlParameter<int[]>("members", [.. pools.Select(x => x.Members)]));
                p.Add(new NpgsqlParameter<int[]>("firsts", [.. pools.Select(x => x.FirstOrder)]));
                p.Add(new NpgsqlParameter<DateTimeOffset>("opened_at", pass.OpenedAt));
                p.Add(new NpgsqlParameter<DateTimeOffset>("due_at", pass.DueAt));
                p.Add(new NpgsqlParameter<string>("status", EnumNames<RecallStatus>.Of(RecallStatus.Open)));
                p.Add(new NpgsqlParameter<int[]>("order_starts", [.. pass.OrderStarts]));
                p.Add(new NpgsqlParameter<long[]>("order_firsts", [.. pass.Orders.Select(r => r.Start)]));
                p.Add(new NpgsqlParameter<string>("prefix", pass.OrderPrefix));
                p.Add(new NpgsqlParameter<int>("interim", BarcodeRange.DammInterim(pass.OrderPrefix)));
                p.Add(new NpgsqlParameter<int[]>("damm3", Damm3));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) opened.Add(reader.GetGuid(0));
            }
            var written = pools.Where(x => opened.Contains(x.Case.Value)).Select(x => (x.Case, x.Barcode.Value, x.Members)).ToList();
            if (written.Count > 0) await audit.AppendAsync(connection, tx, [BulkAudit.RecallCasesOpened(audit, written)], cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return [.. pools.Where(x => opened.Contains(x.Case.Value)).Select(x => x.Case)];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// SQLite and SQL Server: the cases join the caller's unit of work, after dropping the pools that have a case, and its
/// save writes them (SQLite's write transaction lets no other pass in meanwhile; on SQL Server a case written by another
/// pass in between fails the unique pool index and the caller's save with it). New cases of the scope are summed up by
/// one audit event per pass, as on PostgreSQL, rather than one per case.
/// </summary>
internal sealed class EfRecallCaseWriter(LimsDbContext db, AuditTrail audit) : IRecallCaseWriter
{
    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass, CancellationToken cancellationToken)
    {
        if (pass.Pools.Count == 0) return [];
        var pools = pass.Pools.Select(p => p.Tube).ToList();
        var existing = (await db.RecallCases.AsNoTracking().Where(c => pools.Contains(c.PoolTubeId)).Select(c => c.PoolTubeId).ToListAsync(cancellationToken)).ToHashSet();
        existing.UnionWith(db.RecallCases.Local.Select(c => c.PoolTubeId));
        var fresh = pass.Pools.Where(p => !existing.Contains(p.Tube)).ToList();
        var tubes = fresh.Select(p => p.Tube).ToList();
        var people = (await db.Tubes.AsNoTracking()
                .Where(t => tubes.Contains(t.Id))
                .SelectMany(t => t.Members, (t, m) => new { Tube = t.Id, m.Position, m.Person.Masked, m.Person.LookupHash })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.Tube, m => new PoolMember(m.Position, m.Masked, m.LookupHash));
        var cases = fresh.Select(p => pass.Open(p, people[p.Tube])).ToList();
        if (cases.Count == 0) return [];
        db.RecallCases.AddRange(cases);
        // For the rest of the scope: a new case is only ever written by a pass, which records its own summary.
        audit.Summarize(typeof(RecallCase));
        audit.Record(BulkAudit.RecallCasesOpened(audit, cases));
        return [.. cases.Select(c => c.Id)];
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;
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
/// </summary>
internal sealed class PostgreSqlRecallCaseWriter(LimsDbContext db) : IRecallCaseWriter
{
    // The pool of a person is in the pass at ordinal `first`; positions run 1, 2, … in a tube (Tube binds people in
    // turn and never removes one), so the person at `position` has the pass's order ordinal first + position - 1:
    // the same barcode RecallPass.Open gives the position-th person. `position <= members` keeps a pool to the people
    // it was counted with. The check digit: from the interim digit after the prefix, three lookups of three digits.
    private const string Sql = """
        WITH pass AS MATERIALIZED (
            SELECT * FROM unnest(@cases, @tubes, @barcodes, @submitters, @sites, @members, @firsts)
                AS p (id, tube, barcode, submitter, site, members, first)
        ),
        opened AS (
            INSERT INTO recall_cases (id, pool_tube_id, pool_barcode, submitter_id, site, opened_at, due_at, status, version)
            SELECT id, tube, barcode, submitter, site, @opened_at, @due_at, @status, 0
            FROM pass
            WHERE NOT EXISTS (SELECT FROM recall_cases c WHERE c.pool_tube_id = pass.tube)
            ORDER BY id
            RETURNING id
        ),
        orders AS (
            SELECT * FROM unnest(@order_starts, @order_firsts, @order_counts) AS r (start, first, count)
        ),
        damm3 AS (
            -- Damm's quasigroup @damm (from interim digit i, digit d leads to @damm[i * 10 + d + 1]) taken three digits
            -- at a time: from i, the digits of b (000 to 999) lead to t[i * 1000 + b + 1]
            SELECT array_agg(d[d[d[i * 10 + b / 100 + 1] * 10 + b / 10 % 10 + 1] * 10 + b % 10 + 1] ORDER BY i, b) AS t
            FROM (SELECT @damm::int[] AS d) damm, generate_series(0, 9) i, generate_series(0, 999) b
        ),
        prefix AS (
            -- the interim digit after the prefix: letters count as two digits (A = 10 ... Z = 35); 18 digits at most,
            -- zero-padded in front (a leading 0 leaves the interim digit at 0)
            SELECT t[t[t[t[t[t[substr(x, 1, 3)::int + 1] * 1000 + substr(x, 4, 3)::int + 1] * 1000 + substr(x, 7, 3)::int + 1]
                   * 1000 + substr(x, 10, 3)::int + 1] * 1000 + substr(x, 13, 3)::int + 1] * 1000 + substr(x, 16, 3)::int + 1] AS i
            FROM damm3, (
                SELECT lpad(string_agg(CASE WHEN ascii(c) BETWEEN 48 AND 57 THEN c ELSE (ascii(c) - 55)::text END, '' ORDER BY n), 18, '0') AS x
                FROM unnest(string_to_array(@prefix, NULL)) WITH ORDINALITY AS p (c, n)
            ) digits
        ),
        written AS (
            INSERT INTO recall_members (recall_case_id, position, person_masked, person_lookup_hash, order_barcode)
            SELECT pass.id, m.position, m.id_masked, m.id_hash,
                   @prefix || lpad(q.s::text, 9, '0') || t[t[t[prefix.i * 1000 + q.s / 1000000 + 1] * 1000 + q.s / 1000 % 1000 + 1] * 1000 + q.s % 1000 + 1]
            FROM opened
            JOIN pass ON pass.id = opened.id
            JOIN tube_members m ON m.tube_id = pass.tube AND m.position <= pass.members
            JOIN orders r ON pass.first + m.position - 1 >= r.start AND pass.first + m.position - 1 < r.start + r.count
            CROSS JOIN LATERAL (SELECT r.first + pass.first + m.position - 1 - r.start AS s) q
            CROSS JOIN damm3
            CROSS JOIN prefix
            ORDER BY pass.id, m.position
        )
        SELECT id FROM opened
        """;

    private static readonly int[] DammTable = [.. Enumerable.Range(0, 100).Select(k => BarcodeRange.DammNext(k / 10, k % 10))];

    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass, CancellationToken cancellationToken)
    {
        var pools = pass.Pools;
        if (pools.Count == 0) return [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE recall_cases IN SHARE ROW EXCLUSIVE MODE", connection, tx))
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
                p.Add(new NpgsqlParameter<int[]>("order_counts", [.. pass.Orders.Select(r => r.Count)]));
                p.Add(new NpgsqlParameter<string>("prefix", pass.OrderPrefix));
                p.Add(new NpgsqlParameter<int[]>("damm", DammTable));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) opened.Add(reader.GetGuid(0));
            }
            await transaction.CommitAsync(cancellationToken);
            return [.. pools.Where(x => opened.Contains(x.Case.Value)).Select(x => x.Case)];
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
internal sealed class EfRecallCaseWriter(LimsDbContext db) : IRecallCaseWriter
{
    public async Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass, CancellationToken cancellationToken)
    {
        if (pass.Pools.Count == 0) return [];
        var pools = pass.Pools.Select(p => p.Tube).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.RecallCases.AsNoTracking().Where(c => pools.Contains(c.PoolTubeId)).Select(c => c.PoolTubeId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = pass.Pools.Where(p => !existing.Contains(p.Tube)).ToList();
        var tubes = fresh.Select(p => p.Tube).ToList();
        var people = (await db.Tubes.AsNoTracking()
                .Where(t => tubes.Contains(t.Id))
                .SelectMany(t => t.Members, (t, m) => new { Tube = t.Id, m.Position, m.Person.Masked, m.Person.LookupHash })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.Tube, m => new PoolMember(m.Position, m.Masked, m.LookupHash));
        var cases = fresh.Select(p => pass.Open(p, people[p.Tube])).ToList();
        db.RecallCases.AddRange(cases);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return [.. cases.Select(c => c.Id)];
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return [];
        }
        finally
        {
            foreach (var c in cases) db.Entry(c).State = EntityState.Detached;
        }
    }
}

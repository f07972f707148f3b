using System.Data.Common;
using System.Text;
using Lims.Domain.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// Appends events to the chain inside the caller's transaction, with plain SQL that reads the same on the three
/// engines. It first takes the chain head's row lock with an UPDATE (held until the transaction ends, on SQLite the
/// database's write lock), reads the head, links the events after it, inserts them and moves the head on: appends
/// queue on that one row, so the chain order is the commit order. Callers append as late as they can before
/// committing, so the lock is held for the insert and the commit only.
/// </summary>
internal static class AuditAppender
{
    // 11 parameters a row: SQL Server takes at most 2,100 parameters a command.
    private const int RowsPerInsert = 100;

    public static async Task<IReadOnlyList<AuditEvent>> AppendAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditRecord> records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return [];
        var sqlServer = connection is SqlConnection;
        var sqlite = connection is SqliteConnection;

        long seq;
        string hash;
        // SQL Server refuses OUTPUT without INTO on a table with triggers: there the head is read by a second statement.
        await using (var head = Command(connection, transaction, sqlServer
            ? "UPDATE audit_chain_head SET seq = seq WHERE id = 1; SELECT seq, hash FROM audit_chain_head WHERE id = 1;"
            : "UPDATE audit_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash"))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException(AuditChainHead.MissingMessage);
            seq = reader.GetInt64(0);
            hash = reader.GetString(1);
        }

        // Taken once the head is ours: times follow the chain order.
        var at = AuditChain.Normalize(time.GetUtcNow());
        var events = new AuditEvent[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            events[i] = AuditEvent.Link(records[i], ++seq, hash, at);
            hash = events[i].Hash;
        }

        var (before, after) = sqlServer ? ("[before]", "[after]") : ("\"before\"", "\"after\"");
        for (var start = 0; start < events.Length; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, events.Length - start);
            var sql = new StringBuilder($"INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id, {before}, {after}, reason, prev_hash, hash) VALUES ");
            await using var insert = Command(connection, transaction, "");
            for (var r = 0; r < count; r++)
            {
                var e = events[start + r];
                if (r > 0) sql.Append(", ");
                sql.Append('(');
                var values = new object?[]
                {
                    e.Seq, sqlite ? UnixMillisecondsConverter.ToDb(e.At) : e.At, e.Actor, e.Action, e.EntityType, e.EntityId,
                    e.Before, e.After, e.Reason, e.PrevHash, e.Hash,
                };
                for (var v = 0; v < values.Length; v++)
                {
                    var name = $"@p{r}_{v}";
                    if (v > 0) sql.Append(", ");
                    sql.Append(name);
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = values[v] ?? DBNull.Value;
                    insert.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            insert.CommandText = sql.ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var move = Command(connection, transaction, "UPDATE audit_chain_head SET seq = @seq, hash = @hash WHERE id = 1"))
        {
            Add(move, "@seq", seq);
            Add(move, "@hash", hash);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }
        return events;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using Lims.Infrastructure.Security;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQLite: prepared statements re-bound row by row inside one immediate transaction (SQLite has one
/// writer; taking the lock up front means a concurrent batch waits instead of failing half-way).
/// <c>ON CONFLICT (barcode) DO NOTHING</c> tells which barcodes were already taken.
/// </summary>
internal sealed class SqliteBatchWriter(LimsDbContext db, AuditTrail audit, PersonalTextCipher personal) : IBatchRegistrationWriter
{
    public async Task<bool> WriteAsync(Submission submission, IReadOnlyList<Tube> tubes, Action<IReadOnlyList<int>> complete, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

            await using (var insert = Command(connection, tx,
                """
                INSERT INTO submissions (id, submitter_id, idempotency_key, request_hash, reference, received_at, accepted, rejected, receipt)
                VALUES ($id, $submitter, $key, $hash, $reference, $at, 0, 0, '')
                ON CONFLICT (submitter_id, idempotency_key) DO NOTHING
                """))
            {
                insert.Parameters.AddWithValue("$id", Text(submission.Id.Value));
                insert.Parameters.AddWithValue("$submitter", Text(submission.SubmitterId.Value));
                insert.Parameters.AddWithValue("$key", submission.IdempotencyKey);
                insert.Parameters.AddWithValue("$hash", submission.RequestHash);
                insert.Parameters.AddWithValue("$reference", (object?)submission.Reference ?? DBNull.Value);
                insert.Parameters.AddWithValue("$at", Time(submission.ReceivedAt));
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            }

            var alreadyRegistered = new List<int>();
            await using var tube = Command(connection, tx,
                """
                INSERT INTO tubes (id, barcode, kind, capacity, submitter_id, submission_id, collected_at, site, priority, due_at, registered_at, status, retest_count, member_count)
                VALUES ($id, $barcode, $kind, $capacity, $submitter, $submission, $collected, $site, $priority, $due, $registered, $status, 0, $members)
                ON CONFLICT (barcode) DO NOTHING
                """, "$id", "$barcode", "$kind", "$capacity", "$submitter", "$submission", "$collected", "$site", "$priority", "$due", "$registered", "$status", "$members");
            await using var member = Command(connection, tx,
                """
                INSERT INTO tube_members (tube_id, position, id_type, id_cipher, id_hash, id_masked, name_cipher, phone_cipher, patient_id, patient_id_system)
                VALUES ($tube, $position, $type, $cipher, $hash, $masked, $name, $phone, $patient, $system)
                """, "$tube", "$position", "$type", "$cipher", "$hash", "$masked", "$name", "$phone", "$patient", "$system");
            await using var history = Command(connection, tx,
                "INSERT INTO tube_events (tube_id, from_status, to_status, at, actor, reason) VALUES ($tube, $from, $to, $at, $actor, $reason)",
                "$tube", "$from", "$to", "$at", "$actor", "$reason");

            for (var i = 0; i < tubes.Count; i++)
            {
                var t = tubes[i];
                var id = Text(t.Id.Value);
                Bind(tube, id, t.Barcode.Value, t.Kind.ToString(), t.Capacity, Text(t.SubmitterId.Value), Text(t.SubmissionId.Value),
                    Time(t.CollectedAt), t.Site, t.Priority.ToString(), Time(t.DueAt), Time(t.RegisteredAt), t.Status.ToString(), t.MemberCount);
                if (await tube.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    alreadyRegistered.Add(i);
                    continue;
                }
                foreach (var m in t.Members)
                {
                    Bind(member, id, m.Position, m.Person.Type.ToString(), m.Person.Cipher, m.Person.LookupHash, m.Person.Masked,
                        personal.Protect(m.Name, PersonalText.Name), m.Phone is null ? null : personal.Protect(m.Phone, PersonalText.Phone), m.PatientId, m.PatientIdSystem);
                    await member.ExecuteNonQueryAsync(cancellationToken);
                }
                foreach (var h in t.History)
                {
                    Bind(history, id, h.From?.ToString(), h.To.ToString(), Time(h.At), h.Actor, h.Reason);
                    await history.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            complete(alreadyRegistered);
            await using (var update = Command(connection, tx, "UPDATE submissions SET accepted = $accepted, rejected = $rejected, receipt = $receipt WHERE id = $id"))
            {
                update.Parameters.AddWithValue("$accepted", submission.Accepted);
                update.Parameters.AddWithValue("$rejected", submission.Rejected);
                update.Parameters.AddWithValue("$receipt", submission.Receipt);
                update.Parameters.AddWithValue("$id", Text(submission.Id.Value));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            var taken = alreadyRegistered.ToHashSet();
            await audit.AppendAsync(connection, tx, [BulkAudit.BatchRegistered(audit, submission, tubes.Where((_, i) => !taken.Contains(i)))], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    // The same representations EF Core's SQLite provider uses: GUIDs as upper-case text, times as
    // Unix milliseconds (LimsDbContext's convention).
    private static string Text(Guid value) => value.ToString().ToUpperInvariant();

    private static long Time(DateTimeOffset value) => UnixMillisecondsConverter.ToDb(value);
}

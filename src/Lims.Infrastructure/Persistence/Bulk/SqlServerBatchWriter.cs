using Lims.Infrastructure.Security;
using System.Data;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence.Audit;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQL Server: SqlBulkCopy into a temporary table, then one <c>INSERT … SELECT … WHERE NOT EXISTS</c>
/// under UPDLOCK/HOLDLOCK that reports the inserted ids (barcodes already taken are skipped, also
/// against concurrent batches; the unique index is the last word), and SqlBulkCopy of members and
/// history, and one audit event for the batch. One transaction.
/// </summary>
internal sealed class SqlServerBatchWriter(LimsDbContext db, AuditTrail audit, PersonalTextCipher personal) : IBatchRegistrationWriter
{
    public async Task<bool> WriteAsync(Submission submission, IReadOnlyList<Tube> tubes, Action<IReadOnlyList<int>> complete, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (SqlConnection)db.Database.GetDbConnection();
            var tx = (SqlTransaction)transaction.GetDbTransaction();

            await using (var insert = new SqlCommand(
                """
                INSERT INTO submissions (id, submitter_id, idempotency_key, request_hash, reference, received_at, accepted, rejected, receipt)
                SELECT @id, @submitter, @key, @hash, @reference, @at, 0, 0, N''
                WHERE NOT EXISTS (SELECT 1 FROM submissions WITH (UPDLOCK, HOLDLOCK) WHERE submitter_id = @submitter AND idempotency_key = @key)
                """, connection, tx))
            {
                insert.Parameters.AddWithValue("@id", submission.Id.Value);
                insert.Parameters.AddWithValue("@submitter", submission.SubmitterId.Value);
                insert.Parameters.AddWithValue("@key", submission.IdempotencyKey);
                insert.Parameters.AddWithValue("@hash", submission.RequestHash);
                insert.Parameters.AddWithValue("@reference", (object?)submission.Reference ?? DBNull.Value);
                insert.Parameters.AddWithValue("@at", submission.ReceivedAt);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            }

            await using (var stage = new SqlCommand(
                """
                CREATE TABLE #tube_stage (
                    id uniqueidentifier NOT NULL, barcode varchar(32) NOT NULL, kind varchar(16) NOT NULL, capacity int NOT NULL,
                    submitter_id uniqueidentifier NOT NULL, submission_id uniqueidentifier NOT NULL, collected_at datetimeoffset NOT NULL,
                    site nvarchar(100) NOT NULL, priority varchar(16) NOT NULL, due_at datetimeoffset NOT NULL,
                    registered_at datetimeoffset NOT NULL, status varchar(16) NOT NULL, member_count int NOT NULL)
                """, connection, tx))
                await stage.ExecuteNonQueryAsync(cancellationToken);

            var staged = new DataTable();
            foreach (var (name, type) in new (string, Type)[]
            {
                ("id", typeof(Guid)), ("barcode", typeof(string)), ("kind", typeof(string)), ("capacity", typeof(int)),
                ("submitter_id", typeof(Guid)), ("submission_id", typeof(Guid)), ("collected_at", typeof(DateTimeOffset)),
                ("site", typeof(string)), ("priority", typeof(string)), ("due_at", typeof(DateTimeOffset)),
                ("registered_at", typeof(DateTimeOffset)), ("status", typeof(string)), ("member_count", typeof(int)),
            })
                staged.Columns.Add(name, type);
            foreach (var t in tubes)
                staged.Rows.Add(t.Id.Value, t.Barcode.Value, t.Kind.ToString(), t.Capacity, t.SubmitterId.Value, t.SubmissionId.Value,
                    t.CollectedAt, t.Site, t.Priority.ToString(), t.DueAt, t.RegisteredAt, t.Status.ToString(), t.MemberCount);
            await BulkCopyAsync(connection, tx, "#tube_stage", staged, cancellationToken);

            var inserted = new HashSet<Guid>(tubes.Count);
            await using (var insertTubes = new SqlCommand(
                """
                INSERT INTO tubes (id, barcode, kind, capacity, submitter_id, submission_id, collected_at, site, priority, due_at, registered_at, status, member_count, retest_count)
                OUTPUT inserted.id
                SELECT s.id, s.barcode, s.kind, s.capacity, s.submitter_id, s.submission_id, s.collected_at, s.site, s.priority, s.due_at, s.registered_at, s.status, s.member_count, 0
                FROM #tube_stage s
                WHERE NOT EXISTS (SELECT 1 FROM tubes t WITH (UPDLOCK, HOLDLOCK) WHERE t.barcode = s.barcode);
                DROP TABLE #tube_stage;
                """, connection, tx))
            await using (var reader = await insertTubes.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetGuid(0));

            var alreadyRegistered = new List<int>();
            var members = new DataTable();
            foreach (var (name, type) in new (string, Type)[]
            {
                ("tube_id", typeof(Guid)), ("position", typeof(int)), ("id_type", typeof(string)), ("id_cipher", typeof(byte[])),
                ("id_hash", typeof(byte[])), ("id_masked", typeof(string)), ("name_cipher", typeof(byte[])), ("phone_cipher", typeof(byte[])),
                ("patient_id", typeof(string)), ("patient_id_system", typeof(string)),
            })
                members.Columns.Add(name, type);
            var history = new DataTable();
            foreach (var (name, type) in new (string, Type)[]
            {
                ("tube_id", typeof(Guid)), ("from_status", typeof(string)), ("to_status", typeof(string)), ("at", typeof(DateTimeOffset)),
                ("actor", typeof(string)), ("reason", typeof(string)),
            })
                history.Columns.Add(name, type);
            for (var i = 0; i < tubes.Count; i++)
            {
                var t = tubes[i];
                if (!inserted.Contains(t.Id.Value))
                {
                    alreadyRegistered.Add(i);
                    continue;
                }
                foreach (var m in t.Members)
                    members.Rows.Add(t.Id.Value, m.Position, m.Person.Type.ToString(), m.Person.Cipher, m.Person.LookupHash, m.Person.Masked,
                        personal.Protect(m.Name, PersonalText.Name), m.Phone is null ? DBNull.Value : (object)personal.Protect(m.Phone, PersonalText.Phone), (object?)m.PatientId ?? DBNull.Value, (object?)m.PatientIdSystem ?? DBNull.Value);
                foreach (var h in t.History)
                    history.Rows.Add(t.Id.Value, (object?)h.From?.ToString() ?? DBNull.Value, h.To.ToString(), h.At, h.Actor, (object?)h.Reason ?? DBNull.Value);
            }
            await BulkCopyAsync(connection, tx, "tube_members", members, cancellationToken);
            await BulkCopyAsync(connection, tx, "tube_events", history, cancellationToken);

            complete(alreadyRegistered);
            await using (var update = new SqlCommand(
                "UPDATE submissions SET accepted = @accepted, rejected = @rejected, receipt = @receipt WHERE id = @id", connection, tx))
            {
                update.Parameters.AddWithValue("@accepted", submission.Accepted);
                update.Parameters.AddWithValue("@rejected", submission.Rejected);
                update.Parameters.AddWithValue("@receipt", submission.Receipt);
                update.Parameters.AddWithValue("@id", submission.Id.Value);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            // Last before the commit: the chain head is locked from here to the commit only.
            await audit.AppendAsync(connection, tx, [BulkAudit.BatchRegistered(audit, submission, tubes.Where(t => inserted.Contains(t.Id.Value)))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task BulkCopyAsync(SqlConnection connection, SqlTransaction tx, string table, DataTable rows, CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, tx) { DestinationTableName = table, BatchSize = 0 };
        foreach (DataColumn column in rows.Columns) bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        await bulk.WriteToServerAsync(rows, cancellationToken);
    }
}

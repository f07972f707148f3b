using Lims.Infrastructure.Security;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// PostgreSQL: tubes go in with one <c>INSERT … SELECT unnest(…) ON CONFLICT (barcode) DO NOTHING
/// RETURNING</c> (the unique index decides which barcodes were taken, also against concurrent
/// batches), members and history with binary COPY, and one audit event for the batch. One transaction.
/// </summary>
internal sealed class PostgreSqlBatchWriter(LimsDbContext db, AuditTrail audit, PersonalTextCipher personal) : IBatchRegistrationWriter
{
    public async Task<bool> WriteAsync(Submission submission, IReadOnlyList<Tube> tubes, Action<IReadOnlyList<int>> complete, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = (NpgsqlTransaction)transaction.GetDbTransaction();

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO submissions (id, submitter_id, idempotency_key, request_hash, reference, received_at, accepted, rejected, receipt)
                VALUES (@id, @submitter, @key, @hash, @reference, @at, 0, 0, '')
                ON CONFLICT (submitter_id, idempotency_key) DO NOTHING
                """, connection, tx))
            {
                insert.Parameters.AddWithValue("id", submission.Id.Value);
                insert.Parameters.AddWithValue("submitter", submission.SubmitterId.Value);
                insert.Parameters.AddWithValue("key", submission.IdempotencyKey);
                insert.Parameters.AddWithValue("hash", submission.RequestHash);
                insert.Parameters.AddWithValue("reference", (object?)submission.Reference ?? DBNull.Value);
                insert.Parameters.AddWithValue("at", submission.ReceivedAt);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            }

            var inserted = await InsertTubesAsync(connection, tx, tubes, cancellationToken);
            var alreadyRegistered = new List<int>();
            var accepted = new List<Tube>(tubes.Count);
            for (var i = 0; i < tubes.Count; i++)
            {
                if (inserted.Contains(tubes[i].Id.Value)) accepted.Add(tubes[i]);
                else alreadyRegistered.Add(i);
            }
            await CopyMembersAsync(connection, personal, accepted, cancellationToken);
            await CopyHistoryAsync(connection, accepted, cancellationToken);

            complete(alreadyRegistered);
            await using (var update = new NpgsqlCommand(
                "UPDATE submissions SET accepted = @accepted, rejected = @rejected, receipt = @receipt WHERE id = @id", connection, tx))
            {
                update.Parameters.AddWithValue("accepted", submission.Accepted);
                update.Parameters.AddWithValue("rejected", submission.Rejected);
                update.Parameters.AddWithValue("receipt", submission.Receipt);
                update.Parameters.AddWithValue("id", submission.Id.Value);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            // Last before the commit: the chain head is locked from here to the commit only.
            await audit.AppendAsync(connection, tx, [BulkAudit.BatchRegistered(audit, submission, accepted)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<HashSet<Guid>> InsertTubesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<Tube> tubes, CancellationToken cancellationToken)
    {
        var n = tubes.Count;
        var ids = new Guid[n]; var barcodes = new string[n]; var kinds = new string[n]; var capacities = new int[n];
        var submitters = new Guid[n]; var submissions = new Guid[n]; var collected = new DateTimeOffset[n]; var sites = new string[n];
        var priorities = new string[n]; var due = new DateTimeOffset[n]; var registered = new DateTimeOffset[n]; var statuses = new string[n];
        var memberCounts = new int[n];
        for (var i = 0; i < n; i++)
        {
            var t = tubes[i];
            ids[i] = t.Id.Value; barcodes[i] = t.Barcode.Value; kinds[i] = EnumNames<TubeKind>.Of(t.Kind); capacities[i] = t.Capacity;
            submitters[i] = t.SubmitterId.Value; submissions[i] = t.SubmissionId.Value; collected[i] = t.CollectedAt; sites[i] = t.Site;
            priorities[i] = EnumNames<Priority>.Of(t.Priority); due[i] = t.DueAt; registered[i] = t.RegisteredAt; statuses[i] = EnumNames<TubeStatus>.Of(t.Status);
            memberCounts[i] = t.MemberCount;
        }
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO tubes (id, barcode, kind, capacity, submitter_id, submission_id, collected_at, site, priority, due_at, registered_at, status, member_count, retest_count)
            SELECT t.*, 0 FROM unnest(@ids, @barcodes, @kinds, @capacities, @submitters, @submissions, @collected, @sites, @priorities, @due, @registered, @statuses, @members) AS t
            ON CONFLICT (barcode) DO NOTHING
            RETURNING id
            """, connection, tx);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("barcodes", barcodes);
        command.Parameters.AddWithValue("kinds", kinds);
        command.Parameters.AddWithValue("capacities", capacities);
        command.Parameters.AddWithValue("submitters", submitters);
        command.Parameters.AddWithValue("submissions", submissions);
        command.Parameters.AddWithValue("collected", collected);
        command.Parameters.AddWithValue("sites", sites);
        command.Parameters.AddWithValue("priorities", priorities);
        command.Parameters.AddWithValue("due", due);
        command.Parameters.AddWithValue("registered", registered);
        command.Parameters.AddWithValue("statuses", statuses);
        command.Parameters.AddWithValue("members", memberCounts);
        var inserted = new HashSet<Guid>(n);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetGuid(0));
        return inserted;
    }

    // Rows are written with the synchronous Write: the importer buffers, and an await per field cost more
    // than the field. Enum names come from tables rather than ToString() per row.
    private static async Task CopyMembersAsync(NpgsqlConnection connection, PersonalTextCipher personal, List<Tube> tubes, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY tube_members (tube_id, position, id_type, id_cipher, id_hash, id_masked, name_cipher, phone_cipher, patient_id, patient_id_system) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var tube in tubes)
            foreach (var m in tube.Members)
            {
                copy.StartRow();
                copy.Write(tube.Id.Value, NpgsqlDbType.Uuid);
                copy.Write(m.Position, NpgsqlDbType.Integer);
                copy.Write(EnumNames<PersonIdType>.Of(m.Person.Type), NpgsqlDbType.Varchar);
                copy.Write(m.Person.Cipher, NpgsqlDbType.Bytea);
                copy.Write(m.Person.LookupHash, NpgsqlDbType.Bytea);
                copy.Write(m.Person.Masked, NpgsqlDbType.Varchar);
                copy.Write(personal.Protect(m.Name, PersonalText.Name), NpgsqlDbType.Bytea);
                if (m.Phone is null) copy.WriteNull();
                else copy.Write(personal.Protect(m.Phone, PersonalText.Phone), NpgsqlDbType.Bytea);
                WriteNullable(copy, m.PatientId);
                WriteNullable(copy, m.PatientIdSystem);
            }
        await copy.CompleteAsync(cancellationToken);
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Varchar);
    }

    private static async Task CopyHistoryAsync(NpgsqlConnection connection, List<Tube> tubes, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY tube_events (tube_id, from_status, to_status, at, actor, reason) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var tube in tubes)
            foreach (var h in tube.History)
            {
                copy.StartRow();
                copy.Write(tube.Id.Value, NpgsqlDbType.Uuid);
                if (h.From is null) copy.WriteNull();
                else copy.Write(EnumNames<TubeStatus>.Of(h.From.Value), NpgsqlDbType.Varchar);
                copy.Write(EnumNames<TubeStatus>.Of(h.To), NpgsqlDbType.Varchar);
                copy.Write(h.At, NpgsqlDbType.TimestampTz);
                copy.Write(h.Actor, NpgsqlDbType.Varchar);
                if (h.Reason is null) copy.WriteNull();
                else copy.Write(h.Reason, NpgsqlDbType.Varchar);
            }
        await copy.CompleteAsync(cancellationToken);
    }
}

/// <summary>Enum names as EF Core stores them (<c>HasConversion&lt;string&gt;()</c>), looked up instead of formatted per row.</summary>
internal static class EnumNames<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString());

    public static string Of(T value) => Names[value];
}

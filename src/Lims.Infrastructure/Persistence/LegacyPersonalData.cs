using System.Data.Common;
using Lims.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// Encrypts the names, phones and webhook secrets a database holds in clear from before they were encrypted (the
/// <c>legacy_*</c> columns the <c>AtRest</c> migration moved them to), a thousand rows a transaction, and empties the
/// clear columns. Run after the migrations (<see cref="DatabaseMigrator"/>); on a database with nothing in clear it is one
/// query per table.
/// </summary>
internal static class LegacyPersonalData
{
    private const int RowsPerTransaction = 1_000;

    public static async Task<int> EncryptAsync(LimsDbContext db, DatabaseProvider provider, PersonalTextCipher cipher, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(cancellationToken);
        try
        {
            var members = await EncryptAsync(connection, provider,
                "tube_id, position, legacy_name, legacy_phone", "tube_members", "legacy_name IS NOT NULL OR legacy_phone IS NOT NULL",
                "UPDATE tube_members SET name_cipher = @a, phone_cipher = COALESCE(@b, phone_cipher), legacy_name = NULL, legacy_phone = NULL WHERE tube_id = @k1 AND position = @k2",
                row => (cipher.Protect((string?)row[2] ?? "", PersonalText.Name), row[3] is string phone ? cipher.Protect(phone, PersonalText.Phone) : null),
                cancellationToken);
            var secrets = await EncryptAsync(connection, provider,
                "id, 0, legacy_secret, NULL", "webhook_subscriptions", "legacy_secret IS NOT NULL",
                "UPDATE webhook_subscriptions SET secret_cipher = @a, legacy_secret = NULL WHERE id = @k1 AND 0 = @k2",
                row => (cipher.Protect((string)row[2]!, PersonalText.WebhookSecret), null),
                cancellationToken);
            return members + secrets;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static async Task<int> EncryptAsync(DbConnection connection, DatabaseProvider provider, string columns, string table, string legacy,
        string update, Func<object?[], (byte[] A, byte[]? B)> encrypt, CancellationToken cancellationToken)
    {
        var select = provider == DatabaseProvider.SqlServer
            ? $"SELECT TOP ({RowsPerTransaction}) {columns} FROM {table} WHERE {legacy}"
            : $"SELECT {columns} FROM {table} WHERE {legacy} LIMIT {RowsPerTransaction}";
        var total = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var rows = new List<object?[]>();
            await using (var read = connection.CreateCommand())
            {
                read.Transaction = tx;
                read.CommandText = select;
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new object?[4];
                    for (var i = 0; i < 4; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    rows.Add(row);
                }
            }
            if (rows.Count == 0) return total;
            foreach (var row in rows)
            {
                var (a, b) = encrypt(row);
                await using var write = connection.CreateCommand();
                write.Transaction = tx;
                write.CommandText = update;
                Add(write, "@a", a);
                Add(write, "@b", b);
                Add(write, "@k1", row[0]);
                Add(write, "@k2", row[1]);
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            total += rows.Count;
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null) parameter.DbType = System.Data.DbType.Binary;
        command.Parameters.Add(parameter);
    }
}

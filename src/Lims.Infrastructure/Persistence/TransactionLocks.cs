using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Lims.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the resource name. SQL Server: an application lock
/// owned by the transaction. SQLite: nothing to take — a write transaction holds the database's write lock from its start.
/// </summary>
internal sealed class TransactionLocks(LimsDbContext db, DatabaseSettings settings) : ITransactionLocks
{
    public async Task TakeAsync(string resource, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"The lock on {resource} is held until a transaction ends: take it inside one.");
        switch (settings.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var key = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(resource)));
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
                break;
            case DatabaseProvider.SqlServer:
                await db.Database.ExecuteSqlAsync(
                    $"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000", cancellationToken);
                break;
            case DatabaseProvider.Sqlite:
                break;
        }
    }
}

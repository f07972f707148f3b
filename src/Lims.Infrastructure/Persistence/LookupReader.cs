using System.Data.Common;
using Lims.Application.Abstractions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// The look-up's one read, <c>SELECT payload FROM lookup_results WHERE person_hash = ?</c>, in plain ADO.NET on the provider's
/// connection pool: no unit of work, no change tracking, no query compilation on a path that serves the public.
/// </summary>
public static class LookupReader
{
    public const string Sql = "SELECT payload FROM lookup_results WHERE person_hash = @h";

    public static ILookupReader Create(DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlLookupReader(settings.ConnectionString),
        DatabaseProvider.Sqlite => new AdoLookupReader(() => new SqliteConnection(settings.ConnectionString)),
        DatabaseProvider.SqlServer => new AdoLookupReader(() => new SqlConnection(settings.ConnectionString)),
    };

    private sealed class AdoLookupReader(Func<DbConnection> connect) : ILookupReader
    {
        public async ValueTask<string?> ReadAsync(byte[] personHash, CancellationToken cancellationToken)
        {
            await using var connection = connect();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@h";
            parameter.Value = personHash;
            command.Parameters.Add(parameter);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
    }

    /// <summary>
    /// Reads look-ups in batches: requests queue up, and each of a few reading loops takes whatever is queued (up to
    /// <see cref="MaxBatch"/>) and reads it with one <c>= ANY($1)</c> query. No request waits for a batch to fill: an idle reader
    /// sends a lone request at once, and under load the requests that arrive while a query is out go together in the next one,
    /// so PostgreSQL parses, plans and answers one statement for many look-ups. Every answer still comes from a query sent after
    /// its request arrived: a look-up never sees the database as it was before it was asked (a release committed before a
    /// look-up is always seen by it), on this replica or any other.
    /// </summary>
    private sealed class PostgreSqlLookupReader : ILookupReader, IAsyncDisposable, IDisposable
    {
        private const int MaxBatch = 64;
        private const int Loops = 4;
        private readonly NpgsqlDataSource _source;
        private readonly System.Threading.Channels.Channel<Pending> _queue =
            System.Threading.Channels.Channel.CreateUnbounded<Pending>(new() { SingleReader = false, SingleWriter = false });
        private readonly Task[] _loops;

        public PostgreSqlLookupReader(string connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
            builder.MaxAutoPrepare = Math.Max(4, builder.MaxAutoPrepare);
            _source = NpgsqlDataSource.Create(builder.ConnectionString);
            _loops = [.. Enumerable.Range(0, Loops).Select(_ => Task.Run(LoopAsync))];
        }

        public ValueTask<string?> ReadAsync(byte[] personHash, CancellationToken cancellationToken)
        {
            var pending = new Pending(personHash);
            if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgreSqlLookupReader));
            return new ValueTask<string?>(pending.Task);
        }

        private async Task LoopAsync()
        {
            var batch = new List<Pending>(MaxBatch);
            var found = new Dictionary<byte[], string>(MaxBatch, HashComparer.Instance);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
                if (batch.Count == 0) continue;
                try
                {
                    await using (var command = _source.CreateCommand("SELECT person_hash, payload FROM lookup_results WHERE person_hash = ANY($1)"))
                    {
                        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. batch.Select(p => p.Hash)] });
                        await using var reader = await command.ExecuteReaderAsync();
                        while (await reader.ReadAsync()) found[reader.GetFieldValue<byte[]>(0)] = reader.GetString(1);
                    }
                    foreach (var pending in batch) pending.SetResult(found.GetValueOrDefault(pending.Hash));
                }
                catch (Exception e)
                {
                    foreach (var pending in batch) pending.TrySetException(e);
                }
                finally
                {
                    batch.Clear();
                    found.Clear();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await Task.WhenAll(_loops);
            await _source.DisposeAsync();
        }

        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        /// <summary>Continuations run on the thread pool, not on the reading loop that completes them.</summary>
        private sealed class Pending(byte[] hash) : TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            public byte[] Hash { get; } = hash;
        }

        private sealed class HashComparer : IEqualityComparer<byte[]>
        {
            public static readonly HashComparer Instance = new();

            public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

            // An HMAC output: any four of its bytes are as good a hash as any.
            public int GetHashCode(byte[] hash) => hash.Length >= 4 ? BitConverter.ToInt32(hash, 0) : hash.Length;
        }
    }
}

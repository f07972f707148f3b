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

    /// <summary>Its own data source, with the statement prepared once per physical connection (auto-prepare).</summary>
    private sealed class PostgreSqlLookupReader : ILookupReader, IDisposable
    {
        private readonly NpgsqlDataSource _source;

        public PostgreSqlLookupReader(string connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = Math.Max(4, new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare) };
            _source = NpgsqlDataSource.Create(builder.ConnectionString);
        }

        public async ValueTask<string?> ReadAsync(byte[] personHash, CancellationToken cancellationToken)
        {
            await using var command = _source.CreateCommand("SELECT payload FROM lookup_results WHERE person_hash = $1");
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = personHash });
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        public void Dispose() => _source.Dispose();
    }
}

using Lims.Infrastructure.Persistence;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>One API (and one database) per test class.</summary>
public abstract class ApiFixture : IAsyncLifetime
{
    public LimsApiFactory Api { get; private set; } = null!;

    protected abstract Task<LimsApiFactory> CreateAsync();

    public async Task InitializeAsync() => Api = await CreateAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class SqliteApi : ApiFixture
{
    protected override Task<LimsApiFactory> CreateAsync() => LimsApiFactory.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgreSqlApi : ApiFixture
{
    protected override async Task<LimsApiFactory> CreateAsync() =>
        await LimsApiFactory.CreateAsync(DatabaseProvider.PostgreSql, await PostgresServer.SharedAsync());
}

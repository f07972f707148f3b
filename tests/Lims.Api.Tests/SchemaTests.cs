using Lims.Cli.Commands;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lims.Api.Tests;

/// <summary>The migrations of every provider, SQL Server included, match the model, and the committed SQL scripts match the migrations.</summary>
public sealed class SchemaTests
{
    public static TheoryData<DatabaseProvider> Providers => [.. Enum.GetValues<DatabaseProvider>()];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_match_the_model(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: add one with `dotnet ef migrations add <Name> --project db/Lims.Migrations.{provider} --startup-project db/Lims.Migrations.{provider}`.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_committed_sql_script_is_up_to_date(DatabaseProvider provider)
    {
        var path = DatabaseMigrator.ScriptPath(Path.Combine(RepositoryRoot(), "db"), provider);
        Assert.True(File.Exists(path), $"{path} is missing: run `lims db script`.");
        Assert.True(File.ReadAllText(path) == DbCommands.ScriptFor(provider),
            $"{path} is out of date with the migrations: run `dotnet run --project src/Lims.Cli -- db script`.");
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, "IF NOT EXISTS")]
    [InlineData(DatabaseProvider.SqlServer, "IF NOT EXISTS")]
    public void Server_scripts_are_idempotent(DatabaseProvider provider, string guard) =>
        Assert.Contains(guard, DbCommands.ScriptFor(provider), StringComparison.Ordinal);

    /// <summary>
    /// The baseline's hand-written half (Migrations/Baseline.Sql.cs) is called by its generated half: a regenerated baseline
    /// without its two calls would lose the audit triggers and keep the foreign keys the bulk paths do without.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "CREATE TRIGGER audit_events_no_update", "CREATE TRIGGER audit_chain_head_no_delete", null)]
    [InlineData(DatabaseProvider.PostgreSql, "CREATE TRIGGER audit_events_append_only", "CREATE TRIGGER audit_chain_head_no_truncate",
        "ALTER TABLE recall_cases DROP CONSTRAINT \"FK_recall_cases_submitters_submitter_id\";")]
    [InlineData(DatabaseProvider.SqlServer, "CREATE TRIGGER audit_events_append_only", "CREATE TRIGGER audit_chain_head_forward_only",
        "ALTER TABLE [recall_cases] DROP CONSTRAINT [FK_recall_cases_submitters_submitter_id];")]
    public void The_baseline_runs_its_hand_written_part(DatabaseProvider provider, string firstTrigger, string lastTrigger, string? lastForeignKeyDropped)
    {
        var script = DbCommands.ScriptFor(provider);
        Assert.Contains(firstTrigger, script, StringComparison.Ordinal);
        Assert.Contains(lastTrigger, script, StringComparison.Ordinal);
        if (lastForeignKeyDropped is not null) Assert.Contains(lastForeignKeyDropped, script, StringComparison.Ordinal);
    }

    private static LimsDbContext Context(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Server=localhost", "").Configure(options);
        return new LimsDbContext(options.Options);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Lims.sln"))) return directory.FullName;
        throw new InvalidOperationException("The tests run outside the repository: Lims.sln not found above " + AppContext.BaseDirectory);
    }
}

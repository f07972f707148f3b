using Lims.Api.Tests.Infrastructure;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lims.Api.Tests;

/// <summary>
/// The StageTimes migration fills the stage times and member count of tubes registered before it from their history and
/// members: the same values the domain keeps for new tubes.
/// </summary>
public abstract class StageTimesMigrationTests(LimsApiFactory api)
{
    [Fact]
    public async Task Tubes_from_before_the_migration_get_the_times_the_domain_would_have_kept()
    {
        api.Clock.Now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var (_, lab, tubes) = await api.InactivatedTubesAsync(5);
        var (released, retested, recollect, failedQc, plated) = (tubes[0], tubes[1], tubes[2], tubes[3], tubes[4]);
        await Run([released, retested, recollect], [RunFiles.Negative, RunFiles.OneTarget, RunFiles.OneTarget], RunFiles.Negative);
        await Run([failedQc], [RunFiles.Negative], ntc: RunFiles.Positive); // the plate fails: amplified, then back to the bench
        await Run([retested, recollect], [RunFiles.Negative, RunFiles.OneTarget], RunFiles.Negative);
        await Run([recollect], [RunFiles.OneTarget], RunFiles.Negative); // third inconclusive: recollection required
        api.Clock.Now = api.Clock.Now.AddMinutes(10);
        await LabFlow.SealedPlateAsync(lab, [plated]);
        await api.ReviewAndReleaseAsync(released, api.Clock.Now.AddMinutes(5), api.Clock.Now.AddMinutes(7));

        var kept = await ReadAsync(tubes);
        Assert.Equal([TubeStatus.Released, TubeStatus.Interpreted, TubeStatus.Interpreted, TubeStatus.Retest, TubeStatus.Plated], kept.Select(t => t.Status));
        Assert.All(kept, t => Assert.Equal(3, t.MemberCount));
        Assert.NotNull(kept[0].ReleasedAt);
        Assert.Null(kept[3].AmplifiedAt);
        Assert.True(kept[1].InterpretedAt > kept[1].PlatedAt!.Value.AddMinutes(15)); // the second run's, not the first

        await api.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var stageTimes = migrations.FindIndex(m => m.EndsWith("_StageTimes", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[stageTimes - 1]);
            await migrator.MigrateAsync();
            return 0;
        });

        Assert.Equal(kept, await ReadAsync(tubes));

        async Task Run(string[] onPlate, double?[][] calls, double?[] ntc)
        {
            api.Clock.Now = api.Clock.Now.AddMinutes(10);
            var plate = await LabFlow.SealedPlateAsync(lab, onPlate);
            api.Clock.Now = api.Clock.Now.AddMinutes(10);
            Assert.Equal(System.Net.HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, onPlate, calls, ntc)))).StatusCode);
        }
    }

    private sealed record Times(
        TubeStatus Status, int MemberCount, DateTimeOffset? ReceivedAt, DateTimeOffset? InactivatedAt, DateTimeOffset? PlatedAt,
        DateTimeOffset? AmplifiedAt, DateTimeOffset? InterpretedAt, DateTimeOffset? ReviewedAt, DateTimeOffset? ReleasedAt);

    private Task<List<Times>> ReadAsync(string[] barcodes) => api.WithDbAsync(async db =>
    {
        var codes = barcodes.Select(Barcode.Create).ToList();
        var rows = await db.Tubes.AsNoTracking().Where(t => codes.Contains(t.Barcode))
            .Select(t => new { t.Barcode, Times = new Times(t.Status, t.MemberCount, t.ReceivedAt, t.InactivatedAt, t.PlatedAt, t.AmplifiedAt, t.InterpretedAt, t.ReviewedAt, t.ReleasedAt) })
            .ToListAsync();
        return codes.Select(c => rows.Single(r => r.Barcode == c).Times).ToList();
    });
}

public sealed class SqliteStageTimesMigrationTests(SqliteApi fixture) : StageTimesMigrationTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlStageTimesMigrationTests(PostgreSqlApi fixture) : StageTimesMigrationTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using Lims.Api.Tests.Infrastructure;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Api.Tests;

/// <summary>
/// The stage times and member count the domain keeps are stored in the tube's own columns (received_at … released_at,
/// member_count), which the turnaround dashboard reads: the steps of the run that counts, the first plating, a retest
/// clearing the run's times until the tube gets there again.
/// </summary>
public abstract class StageTimesTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_tube_row_keeps_the_times_of_the_run_that_counts_and_its_member_count()
    {
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        api.Clock.Now = start;
        var (_, lab, tubes) = await api.InactivatedTubesAsync(5);
        var (released, retested, recollect, failedQc, plated) = (tubes[0], tubes[1], tubes[2], tubes[3], tubes[4]);
        await Run([released, retested, recollect], [RunFiles.Negative, RunFiles.OneTarget, RunFiles.OneTarget], RunFiles.Negative); // plated +10, run +20
        await Run([failedQc], [RunFiles.Negative], ntc: RunFiles.Positive); // +30, +40: the plate fails: amplified, then back to the bench
        await Run([retested, recollect], [RunFiles.Negative, RunFiles.OneTarget], RunFiles.Negative); // +50, +60
        await Run([recollect], [RunFiles.OneTarget], RunFiles.Negative); // +70, +80: third inconclusive: recollection required
        api.Clock.Now = At(90);
        await LabFlow.SealedPlateAsync(lab, [plated]);
        await api.ReviewAndReleaseAsync(released, At(95), At(97));

        var kept = await ReadAsync(tubes);

        Assert.Equal([TubeStatus.Released, TubeStatus.Interpreted, TubeStatus.Interpreted, TubeStatus.Retest, TubeStatus.Plated], kept.Select(t => t.Status));
        Assert.All(kept, t => Assert.Equal(3, t.MemberCount));
        Assert.All(kept, t => Assert.NotNull(t.ReceivedAt));
        Assert.All(kept, t => Assert.NotNull(t.InactivatedAt));
        Assert.Equal([At(10), At(10), At(10), At(30), At(90)], kept.Select(t => t.PlatedAt)); // the first plating
        Assert.Equal([At(20), At(60), At(80), null, null], kept.Select(t => t.AmplifiedAt));
        Assert.Equal([At(20), At(60), At(80), null, null], kept.Select(t => t.InterpretedAt));
        Assert.Equal([At(95), null, null, null, null], kept.Select(t => t.ReviewedAt));
        Assert.Equal([At(97), null, null, null, null], kept.Select(t => t.ReleasedAt));

        DateTimeOffset At(int minutes) => start.AddMinutes(minutes);

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

public sealed class SqliteStageTimesTests(SqliteApi fixture) : StageTimesTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlStageTimesTests(PostgreSqlApi fixture) : StageTimesTests(fixture.Api), IClassFixture<PostgreSqlApi>;

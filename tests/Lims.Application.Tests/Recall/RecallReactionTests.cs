using Lims.Application.Features.Recall;
using Lims.Application.Features.Reviews;
using Lims.Domain.Pools.Recall;

namespace Lims.Application.Tests.Recall;

/// <summary>A pool's recall follows its call, in the same save as the call: opened when positive, cancelled when no longer, closed by its members' own results.</summary>
public abstract class RecallReactionTests(LimsApp app)
{
    [Fact]
    public async Task A_pool_called_positive_by_its_run_has_its_recall_open_when_the_import_returns()
    {
        var (_, pools) = await app.InactivatedTubesAsync(2);
        var plate = await app.SealedPlateAsync(pools);

        var imported = await app.ImportAsync(plate, pools, RunFiles.Positive, RunFiles.Negative);

        Assert.False(imported.Replayed);
        var cases = await app.SendAsync(new ListRecallCases(null, null));
        var recall = Assert.Single(cases, c => c.Pool == pools[0]);
        Assert.Equal(("open", 3, 3), (recall.Status, recall.Outstanding, recall.Members.Count));
        Assert.Equal(app.Clock.Now.AddHours(12), recall.DueAt);
        Assert.All(recall.Members, m => Assert.StartsWith("RC", m.OrderBarcode, StringComparison.Ordinal));
        Assert.DoesNotContain(cases, c => c.Pool == pools[1]);
        // The sweeping job finds nothing left to open.
        Assert.Empty(await app.SendAsync(new OpenRecallCases(null, "job:test")));
    }

    [Fact]
    public async Task The_single_tubes_ordered_for_the_members_close_the_case_with_their_own_results()
    {
        var (hospital, pools) = await app.InactivatedTubesAsync(1);
        await app.RunAsync(pools, RunFiles.Positive);
        var recall = Assert.Single(await app.SendAsync(new ListRecallCases(hospital, null)));
        var orders = recall.Members.Select(m => m.OrderBarcode).ToArray();

        await app.InactivatedTubesAsync(3, kind: "single", barcodes: orders, submitter: hospital);
        await app.RunAsync(orders[..2], RunFiles.Positive, RunFiles.Negative);
        var partly = await app.SendAsync(new GetRecallCase(recall.Id, hospital));
        Assert.Equal(("open", 1), (partly.Status, partly.Outstanding));
        Assert.Equal(["positive", "negative", null], partly.Members.Select(m => m.Result));

        await app.RunAsync(orders[2..], RunFiles.Negative);

        var closed = await app.SendAsync(new GetRecallCase(recall.Id, hospital));
        Assert.Equal(("closed", 0), (closed.Status, closed.Outstanding));
        Assert.NotNull(closed.ClosedAt);
    }

    [Fact]
    public async Task A_pool_overridden_to_negative_has_its_recall_cancelled_in_the_same_save_and_one_overridden_to_positive_recalled_at_once()
    {
        var (_, pools) = await app.InactivatedTubesAsync(2);
        var plate = await app.RunAsync(pools, RunFiles.Positive, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");

        await app.SendAsync(new OverrideCall(plate, pools[0], "negative", "curve is an artefact", reviewer.Name, reviewer.Password));
        await app.SendAsync(new OverrideCall(plate, pools[1], "positive", "late but clear S-curve", reviewer.Name, reviewer.Password));

        var cancelled = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[0])));
        Assert.Equal(RecallStatus.Cancelled, cancelled.Status);
        Assert.Contains("curve is an artefact", cancelled.CancelReason, StringComparison.Ordinal);
        var opened = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[1])));
        Assert.Equal((RecallStatus.Open, 3), (opened.Status, opened.Outstanding));
    }

    [Fact]
    public async Task A_positive_pool_sent_back_to_retest_has_its_recall_cancelled()
    {
        var (_, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Positive);
        var reviewer = await app.StaffAsync("reviewer");

        var review = await app.SendAsync(new SendToRetest(plate, pools, "bubble in the well", reviewer.Name));

        Assert.Equal("sent-to-retest", Assert.Single(review.Tubes).State);
        var recall = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[0])));
        Assert.Equal(RecallStatus.Cancelled, recall.Status);
        Assert.Contains("bubble in the well", recall.CancelReason, StringComparison.Ordinal);
        Assert.Equal(TubeStatus.Retest, (await app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(pools[0])))).Status);
    }
}

public sealed class SqliteRecallReactionTests(SqliteApp fixture) : RecallReactionTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlRecallReactionTests(PostgreSqlApp fixture) : RecallReactionTests(fixture.App), IClassFixture<PostgreSqlApp>;

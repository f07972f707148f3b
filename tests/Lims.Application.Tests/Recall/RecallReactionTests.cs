using Lims.Application.Features.Recall;
using Lims.Application.Features.Reviews;
using Lims.Domain.Pools.Recall;

namespace Lims.Application.Tests.Recall;

/// <summary>
/// A pool's recall follows its call, in the same save as the call: prepared when the run calls it positive, shown to its
/// submitter once the call is approved, withdrawn when no longer positive, closed by its members' own released results.
/// </summary>
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
        Assert.Equal(("open", 3, 3, (DateTimeOffset?)null), (recall.Status, recall.Outstanding, recall.Members.Count, recall.VisibleAt));
        Assert.All(recall.Members, m => Assert.StartsWith("RC", m.OrderBarcode, StringComparison.Ordinal));
        Assert.DoesNotContain(cases, c => c.Pool == pools[1]);
        // The sweeping job finds nothing left to open.
        Assert.Empty(await app.SendAsync(new OpenRecallCases(null, "job:test")));
    }

    [Fact]
    public async Task The_submitter_sees_the_case_only_once_the_pools_positive_call_is_approved_and_its_deadline_counts_from_then()
    {
        var (hospital, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Positive);
        var prepared = Assert.Single(await app.SendAsync(new ListRecallCases(null, null)), c => c.Pool == pools[0]);

        Assert.Empty(await app.SendAsync(new ListRecallCases(hospital, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRecallCase(prepared.Id, hospital)));

        await app.AtAsync(app.Clock.Now.AddHours(3), () => app.ApproveAsync(plate));
        var shown = Assert.Single(await app.SendAsync(new ListRecallCases(hospital, null)));
        Assert.Equal((prepared.Id, "open", (DateTimeOffset?)app.Clock.Now.AddHours(3), app.Clock.Now.AddHours(15)), (shown.Id, shown.Status, shown.VisibleAt, shown.DueAt));
    }

    [Fact]
    public async Task The_single_tubes_ordered_for_the_members_close_the_case_with_their_own_results_once_released()
    {
        var person = Random.Shared.Next(1, 900_000);
        var (hospital, pools) = await app.InactivatedTubesAsync(1, firstPerson: person);
        var plate = await app.RunAsync(pools, RunFiles.Positive);
        await app.ApproveAsync(plate);
        var recall = Assert.Single(await app.SendAsync(new ListRecallCases(hospital, null)));
        var orders = recall.Members.Select(m => m.OrderBarcode).ToArray();

        // Each member's single tube, with the barcode ordered for them.
        await app.InactivatedTubesAsync(3, kind: "single", barcodes: orders, submitter: hospital, firstPerson: person);
        var first = await app.RunAsync(orders[..2], RunFiles.Positive, RunFiles.Negative);
        // Called, not released: the case shows nothing yet.
        Assert.All((await app.SendAsync(new GetRecallCase(recall.Id, hospital))).Members, m => Assert.Null(m.Result));
        await app.ApproveAndReleaseAsync(first);
        var partly = await app.SendAsync(new GetRecallCase(recall.Id, hospital));
        Assert.Equal(("open", 1), (partly.Status, partly.Outstanding));
        Assert.Equal(["positive", "negative", null], partly.Members.Select(m => m.Result));

        await app.ApproveAndReleaseAsync(await app.RunAsync(orders[2..], RunFiles.Negative));

        var closed = await app.SendAsync(new GetRecallCase(recall.Id, hospital));
        Assert.Equal(("closed", 0), (closed.Status, closed.Outstanding));
        Assert.NotNull(closed.ClosedAt);
    }

    [Fact]
    public async Task An_ordered_barcode_registered_with_another_person_is_refused_on_members_and_the_case_stays_open()
    {
        var person = Random.Shared.Next(1, 900_000);
        var (hospital, pools) = await app.InactivatedTubesAsync(1, firstPerson: person);
        await app.ApproveAsync(await app.RunAsync(pools, RunFiles.Positive));
        var recall = Assert.Single(await app.SendAsync(new ListRecallCases(hospital, null)));

        // Member 2's barcode with member 3's identity, and member 1's in a pooled tube; member 3's own tube is right.
        var wrong = await app.SendAsync(AppFlow.Registration(hospital, new Features.Batches.BatchRequest("recall", [
            app.Tube(recall.Members[1].OrderBarcode, "single", 1, person + 2),
            app.Tube(recall.Members[0].OrderBarcode, "pooled", 1, person),
            app.Tube(recall.Members[2].OrderBarcode, "single", 1, person + 2)])));

        Assert.Equal(1, wrong.Receipt.Accepted);
        Assert.Equal([0, 1], wrong.Receipt.Rejected.Select(r => r.Index));
        Assert.All(wrong.Receipt.Rejected, r => Assert.Equal("members", Assert.Single(r.Errors).Field));
        Assert.Contains("member 2", wrong.Receipt.Rejected[0].Errors[0].Message, StringComparison.Ordinal);
        // Another submitter cannot take an order barcode at all.
        var stranger = await app.SubmitterAsync();
        var taken = await app.SendAsync(AppFlow.Registration(stranger, new Features.Batches.BatchRequest("x", [app.Tube(recall.Members[0].OrderBarcode, "single", 1, person)])));
        Assert.Equal("barcode", Assert.Single(Assert.Single(taken.Receipt.Rejected).Errors).Field);
        Assert.Equal(("open", 3), ((await app.SendAsync(new GetRecallCase(recall.Id, hospital))) is var now ? (now.Status, now.Outstanding) : default));
    }

    [Fact]
    public async Task A_pool_overridden_to_negative_has_its_recall_withdrawn_in_the_same_save_and_one_overridden_to_positive_recalled_at_once()
    {
        var (_, pools) = await app.InactivatedTubesAsync(2);
        var plate = await app.RunAsync(pools, RunFiles.Positive, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");

        await app.SendAsync(new OverrideCall(plate, pools[0], "negative", "curve is an artefact", reviewer.Name, reviewer.Password));
        await app.SendAsync(new OverrideCall(plate, pools[1], "positive", "late but clear S-curve", reviewer.Name, reviewer.Password));

        var cancelled = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[0])));
        Assert.Equal(RecallStatus.Withdrawn, cancelled.Status);
        Assert.Contains("curve is an artefact", cancelled.WithdrawnReason, StringComparison.Ordinal);
        var opened = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[1])));
        Assert.Equal((RecallStatus.Open, 3), (opened.Status, opened.Outstanding));
    }

    [Fact]
    public async Task A_positive_pool_sent_back_to_retest_has_its_recall_withdrawn()
    {
        var (_, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Positive);
        var reviewer = await app.StaffAsync("reviewer");

        var review = await app.SendAsync(new SendToRetest(plate, pools, "bubble in the well", reviewer.Name));

        Assert.Equal("sent-to-retest", Assert.Single(review.Tubes).State);
        var recall = await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[0])));
        Assert.Equal(RecallStatus.Withdrawn, recall.Status);
        Assert.Contains("bubble in the well", recall.WithdrawnReason, StringComparison.Ordinal);
        Assert.Equal(TubeStatus.Retest, (await app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(pools[0])))).Status);
    }
}

public sealed class SqliteRecallReactionTests(SqliteApp fixture) : RecallReactionTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlRecallReactionTests(PostgreSqlApp fixture) : RecallReactionTests(fixture.App), IClassFixture<PostgreSqlApp>;

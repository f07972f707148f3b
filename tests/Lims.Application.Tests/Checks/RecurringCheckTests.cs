using Lims.Application.Features.Inactivation;
using Lims.Application.Features.PublicHealth;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Reviews;
using Lims.Application.Features.Tubes;

namespace Lims.Application.Tests.Checks;

/// <summary>
/// The recurring checks flag set-based, with the one rule the domain states (Tube.AtRiskRule, RecallCase.OverdueRule, …):
/// once, keeping the first time, and never what the rule leaves out.
/// </summary>
public abstract class RecurringCheckTests(LimsApp app)
{
    [Fact]
    public async Task A_tube_at_risk_is_flagged_once_keeps_its_first_time_and_stays_flagged_after_release()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.RunAsync(tubes[..1], RunFiles.Negative);
        var due = await app.TubeAsync(tubes[0]);
        var start = app.Clock.Now;
        try
        {
            // Before the last quarter of its 24 h: nothing.
            app.Clock.Now = due.DueAt - TimeSpan.FromHours(6) - TimeSpan.FromMinutes(1);
            await app.SendAsync(new FlagAtRiskTubes(0.25));
            Assert.Null((await app.TubeAsync(tubes[0])).AtRiskSince);

            var first = due.DueAt - TimeSpan.FromHours(6);
            app.Clock.Now = first;
            Assert.True(await app.SendAsync(new FlagAtRiskTubes(0.25)) >= 2);
            app.Clock.Now = first.AddMinutes(15);
            await app.SendAsync(new FlagAtRiskTubes(0.25));
            Assert.Equal(first, (await app.TubeAsync(tubes[0])).AtRiskSince);
            Assert.Equal(first, (await app.TubeAsync(tubes[1])).AtRiskSince);

            await app.ApproveAndReleaseAsync(plate);
            app.Clock.Now = first.AddHours(1);
            await app.SendAsync(new FlagAtRiskTubes(0.25));
            var released = await app.TubeAsync(tubes[0]);
            Assert.Equal((TubeStatus.Released, first), (released.Status, released.AtRiskSince));
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_released_tube_that_was_never_flagged_is_not_flagged_late()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        await app.ApproveAndReleaseAsync(await app.RunAsync(tubes, RunFiles.Negative));
        var start = app.Clock.Now;
        try
        {
            app.Clock.Now = (await app.TubeAsync(tubes[0])).DueAt.AddHours(1);
            await app.SendAsync(new FlagAtRiskTubes(0.25));
            Assert.Null((await app.TubeAsync(tubes[0])).AtRiskSince);
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task An_open_recall_case_past_its_deadline_is_flagged_once()
    {
        var (hospital, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Positive);
        // Prepared, not shown: never overdue, however long the review takes.
        await app.AtAsync(app.Clock.Now.AddDays(2), () => app.SendAsync(new FlagOverdueRecallCases()));
        Assert.Null(Assert.Single(await app.SendAsync(new ListRecallCases(null, null)), c => c.Pool == pools[0]).OverdueSince);
        await app.ApproveAsync(plate);
        var recall = Assert.Single(await app.SendAsync(new ListRecallCases(hospital, null)));
        var start = app.Clock.Now;
        try
        {
            app.Clock.Now = recall.DueAt;
            await app.SendAsync(new FlagOverdueRecallCases());
            Assert.Null((await app.SendAsync(new GetRecallCase(recall.Id, hospital))).OverdueSince);
            app.Clock.Now = recall.DueAt.AddMinutes(1);
            Assert.True(await app.SendAsync(new FlagOverdueRecallCases()) >= 1);
            app.Clock.Now = recall.DueAt.AddHours(1);
            await app.SendAsync(new FlagOverdueRecallCases());
            Assert.Equal(recall.DueAt.AddMinutes(1), (await app.SendAsync(new GetRecallCase(recall.Id, hospital))).OverdueSince);
            Assert.Single(await app.SendAsync(new ListRecallCases(hospital, "overdue")));
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task An_inactivation_batch_left_open_past_its_time_and_grace_is_flagged_once()
    {
        // A received tube in a batch that nobody completes.
        var code = Barcodes.New("I");
        var started = await app.SendAsync(new StartInactivation(code, "heat", "Block 2", null, (await app.ReceivedTubesAsync(1, kind: "single")).Tubes, AppFlow.Bench));
        var start = app.Clock.Now;
        try
        {
            app.Clock.Now = started.StartedAt.AddMinutes(started.RequiredMinutes + 29);
            await app.SendAsync(new FlagOverdueInactivations(TimeSpan.FromMinutes(30)));
            Assert.Null((await app.SendAsync(new GetInactivation(code))).OverdueSince);
            var late = started.StartedAt.AddMinutes(started.RequiredMinutes + 30);
            app.Clock.Now = late;
            Assert.True(await app.SendAsync(new FlagOverdueInactivations(TimeSpan.FromMinutes(30))) >= 1);
            app.Clock.Now = late.AddHours(1);
            await app.SendAsync(new FlagOverdueInactivations(TimeSpan.FromMinutes(30)));
            Assert.Equal(late, (await app.SendAsync(new GetInactivation(code))).OverdueSince);
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_positive_not_reported_to_public_health_within_its_deadline_is_flagged_once()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1, kind: "single");
        var plate = await app.RunAsync(tubes, RunFiles.Positive);
        await app.ApproveAndReleaseAsync(plate);
        var start = app.Clock.Now;
        try
        {
            // No endpoint is configured: nothing is sent, and two hours after the release the notification is overdue.
            app.Clock.Now = start.AddMinutes(119);
            await app.SendAsync(new FlagOverduePublicHealthNotifications());
            Assert.DoesNotContain(await app.SendAsync(new ListPublicHealthNotifications("overdue")), n => n.Tube == tubes[0]);
            app.Clock.Now = start.AddMinutes(120);
            Assert.True(await app.SendAsync(new FlagOverduePublicHealthNotifications()) >= 1);
            app.Clock.Now = start.AddMinutes(180);
            await app.SendAsync(new FlagOverduePublicHealthNotifications());
            var overdue = Assert.Single(await app.SendAsync(new ListPublicHealthNotifications("overdue")), n => n.Tube == tubes[0]);
            Assert.Equal(start.AddMinutes(120), overdue.OverdueSince);
        }
        finally
        {
            app.Clock.Now = start;
        }
    }
}

public sealed class SqliteRecurringCheckTests(SqliteApp fixture) : RecurringCheckTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlRecurringCheckTests(PostgreSqlApp fixture) : RecurringCheckTests(fixture.App), IClassFixture<PostgreSqlApp>;

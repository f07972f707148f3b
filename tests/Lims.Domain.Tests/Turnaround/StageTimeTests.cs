using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;

namespace Lims.Domain.Tests.Turnaround;

/// <summary>The stage times a tube keeps as it moves, and the stage durations read from them.</summary>
public sealed class StageTimeTests
{
    private static readonly DateTimeOffset T0 = TestData.CollectedAt; // 08:00 +08:00 = 00:00 UTC
    private const string Tech = "tech-1";

    [Fact]
    public void Each_step_keeps_its_time_and_the_stages_add_up_to_the_turnaround()
    {
        var tube = TestData.Register(collectedAt: T0, registeredAt: T0.AddMinutes(5));
        Assert.Equal(new StageTimes(T0.ToUniversalTime(), null, null, null, null, null, null, null), tube.Times);

        tube.Ship(T0.AddMinutes(30), Tech);
        tube.Receive(T0.AddHours(1), Tech);
        tube.Inactivate(T0.AddHours(1.5), Tech);
        tube.Plate("P1 A1", T0.AddHours(2), Tech);
        tube.RecordAmplification(T0.AddHours(3.5), Tech);
        tube.Interpret(TubeCall.Negative, T0.AddHours(3.5), Tech);
        tube.Review(T0.AddHours(4), Tech);
        tube.Release(T0.AddHours(4.25), Tech);

        var times = tube.Times;
        Assert.Equal(TimeSpan.Zero, times.Released!.Value.Offset);
        Assert.Equal(
            [3_600, 1_800, 1_800, 5_400, 0, 1_800, 900, 15_300],
            TurnaroundStages.All.Select(s => times.Seconds(s)!.Value));
        Assert.Equal(times.Seconds(TurnaroundStage.CollectedToReleased),
            TurnaroundStages.All.Where(s => s != TurnaroundStage.CollectedToReleased).Sum(s => times.Seconds(s)));
    }

    [Fact]
    public void A_retest_keeps_the_first_plating_and_counts_the_run_that_gave_the_result()
    {
        var tube = InactivatedTube();
        tube.Plate("P1 A1", T0.AddHours(2), Tech);
        tube.RecordAmplification(T0.AddHours(3), Tech);
        tube.Interpret(TubeCall.Inconclusive, T0.AddHours(3), Tech);
        tube.SendToRetest("inconclusive", T0.AddHours(3), Tech);

        Assert.Equal(T0.AddHours(2), tube.PlatedAt);
        Assert.Null(tube.AmplifiedAt);
        Assert.Null(tube.InterpretedAt);
        Assert.Null(tube.Times.Seconds(TurnaroundStage.PlatedToAmplified));

        tube.Plate("P2 B1", T0.AddHours(4), Tech);
        tube.RecordAmplification(T0.AddHours(5), Tech);
        tube.ReturnForReplating("P2 failed QC", T0.AddHours(5), Tech);
        Assert.Null(tube.AmplifiedAt);

        tube.Plate("P3 C1", T0.AddHours(6), Tech);
        tube.RecordAmplification(T0.AddHours(7), Tech);
        tube.Interpret(TubeCall.Positive, T0.AddHours(7.25), Tech);
        tube.Review(T0.AddHours(8), Tech);

        Assert.Equal(T0.AddHours(2), tube.PlatedAt);
        Assert.Equal(5 * 3_600, tube.Times.Seconds(TurnaroundStage.PlatedToAmplified));
        Assert.Equal(900, tube.Times.Seconds(TurnaroundStage.AmplifiedToInterpreted));
        Assert.Equal(2_700, tube.Times.Seconds(TurnaroundStage.InterpretedToReviewed));
    }

    [Fact]
    public void A_reviewer_sending_a_tube_back_clears_the_review_until_the_next_one()
    {
        var tube = InactivatedTube();
        tube.Plate("P1 A1", T0.AddHours(2), Tech);
        tube.RecordAmplification(T0.AddHours(3), Tech);
        tube.Interpret(TubeCall.Positive, T0.AddHours(3), Tech);
        tube.Review(T0.AddHours(4), Tech);
        tube.SendToRetest("curve looks wrong", T0.AddHours(4), Tech);

        Assert.Null(tube.ReviewedAt);

        tube.Plate("P2 A1", T0.AddHours(5), Tech);
        tube.RecordAmplification(T0.AddHours(6), Tech);
        tube.Interpret(TubeCall.Positive, T0.AddHours(6), Tech);

        // The first review (4 h) came before this interpretation (6 h): no stage may run backwards.
        Assert.Null(tube.Times.Seconds(TurnaroundStage.InterpretedToReviewed));
        tube.Review(T0.AddHours(6.5), Tech);
        tube.Release(T0.AddHours(7), Tech);
        Assert.Equal(1_800, tube.Times.Seconds(TurnaroundStage.InterpretedToReviewed));
        Assert.Equal(7 * 3_600, tube.Times.Seconds(TurnaroundStage.CollectedToReleased));
    }

    [Fact]
    public void A_refused_step_changes_no_time()
    {
        var tube = TestData.Register(collectedAt: T0, registeredAt: T0.AddMinutes(5));

        Assert.Throws<IllegalTransitionException>(() => tube.Release(T0.AddHours(1), Tech));
        Assert.Throws<IllegalTransitionException>(() => tube.Inactivate(T0.AddHours(1), Tech));

        Assert.Null(tube.ReleasedAt);
        Assert.Null(tube.InactivatedAt);
    }

    [Fact]
    public void The_member_count_is_the_number_of_people_bound()
    {
        Assert.Equal(7, TestData.Register(TubeKind.Pooled, 10, TestData.Drafts(7)).MemberCount);
        Assert.Equal(1, TestData.Register().MemberCount);
    }

    [Fact]
    public void Seconds_are_truncated_toward_zero()
    {
        var times = new StageTimes(T0, T0.AddSeconds(59.999), T0.AddSeconds(-0.5), null, null, null, null, null);

        Assert.Equal(59, times.Seconds(TurnaroundStage.CollectedToReceived));
        Assert.Equal(-60, times.Seconds(TurnaroundStage.ReceivedToInactivated));
        Assert.Null(times.Seconds(TurnaroundStage.InactivatedToPlated));
    }

    private static Tube InactivatedTube()
    {
        var tube = TestData.Register(collectedAt: T0, registeredAt: T0.AddMinutes(5));
        tube.Ship(T0.AddMinutes(30), Tech);
        tube.Receive(T0.AddHours(1), Tech);
        tube.Inactivate(T0.AddHours(1.5), Tech);
        return tube;
    }
}

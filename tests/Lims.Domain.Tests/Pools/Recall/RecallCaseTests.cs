using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Pools.Recall;

public sealed class RecallCaseTests
{
    private static readonly DateTimeOffset At = TestData.RegisteredAt.AddHours(5);

    [Fact]
    public void A_positive_pool_opens_a_case_with_one_order_per_member_and_a_deadline()
    {
        var pool = InterpretedPool(TubeCall.Positive, members: 3);

        var recall = RecallCase.Open(RecallCaseId.New(), pool, Orders(3), At, TimeSpan.FromHours(12));

        Assert.Equal((RecallStatus.Open, At.AddHours(12), 3), (recall.Status, recall.DueAt, recall.Outstanding));
        Assert.Equal([1, 2, 3], recall.Members.Select(m => m.Position));
        Assert.Equal(["RC0001", "RC0002", "RC0003"], recall.Members.Select(m => m.OrderBarcode.Value));
        Assert.Equal(pool.Members.Select(m => m.Person.Masked), recall.Members.Select(m => m.PersonMasked));
        Assert.Equal((pool.Barcode, pool.SubmitterId, pool.Site), (recall.PoolBarcode, recall.SubmitterId, recall.Site));
    }

    [Fact]
    public void Only_a_pooled_tube_called_positive_is_recalled()
    {
        Assert.Equal("not-a-positive-pool", Assert.Throws<DomainException>(() => RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Negative, 3), Orders(3), At, TimeSpan.FromHours(12))).Code);
        var single = TestData.Register(barcode: "S0000001");
        Assert.Equal("not-a-positive-pool", Assert.Throws<DomainException>(() => RecallCase.Open(RecallCaseId.New(), single, Orders(1), At, TimeSpan.FromHours(12))).Code);
        Assert.Throws<ArgumentException>(() => RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 3), Orders(2), At, TimeSpan.FromHours(12)));
        Assert.Equal("invalid-recall-deadline", Assert.Throws<DomainException>(() => RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 2), Orders(2), At, TimeSpan.Zero)).Code);
    }

    [Fact]
    public void The_case_closes_when_every_member_has_a_final_result()
    {
        var recall = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 2), Orders(2), At, TimeSpan.FromHours(12));

        Assert.True(recall.RecordResult(Barcode.Create("RC0002"), Person(recall, "RC0002"), TubeCall.Positive, At.AddHours(3)));
        Assert.Equal((RecallStatus.Open, 1), (recall.Status, recall.Outstanding));
        Assert.False(recall.RecordResult(Barcode.Create("RC0002"), Person(recall, "RC0002"), TubeCall.Positive, At.AddHours(4)));
        Assert.True(recall.RecordResult(Barcode.Create("RC0001"), Person(recall, "RC0001"), TubeCall.Negative, At.AddHours(5)));

        Assert.Equal((RecallStatus.Closed, At.AddHours(5), 0), (recall.Status, recall.ClosedAt, recall.Outstanding));
        Assert.Equal([TubeCall.Negative, TubeCall.Positive], recall.Members.Select(m => m.Result!.Value));
        Assert.Equal(At.AddHours(3), recall.Members[1].ResultAt);
    }

    [Fact]
    public void A_result_must_be_final_for_an_ordered_tube_and_cannot_change()
    {
        var recall = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 2), Orders(2), At, TimeSpan.FromHours(12));
        recall.RecordResult(Barcode.Create("RC0001"), Person(recall, "RC0001"), TubeCall.Negative, At);

        Assert.Equal("result-not-final", Assert.Throws<DomainException>(() => recall.RecordResult(Barcode.Create("RC0002"), Person(recall, "RC0002"), TubeCall.Inconclusive, At)).Code);
        Assert.Equal("not-a-recall-order", Assert.Throws<DomainException>(() => recall.RecordResult(Barcode.Create("RC9999"), Person(recall, "RC9999"), TubeCall.Negative, At)).Code);
        Assert.Equal("recall-result-differs", Assert.Throws<DomainException>(() => recall.RecordResult(Barcode.Create("RC0001"), Person(recall, "RC0001"), TubeCall.Positive, At)).Code);
        Assert.Equal(RecallStatus.Open, recall.Status);
    }

    [Fact]
    public void An_open_case_is_overdue_past_its_deadline_and_a_closed_or_withdrawn_one_never()
    {
        var recall = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(12));
        recall.Publish(At);

        Assert.False(recall.IsOverdueAt(At.AddHours(12)));
        Assert.True(recall.IsOverdueAt(At.AddHours(13)));
        Assert.Null(recall.OverdueSince);

        var closed = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(1));
        closed.Publish(At);
        closed.RecordResult(Barcode.Create("RC0001"), Person(closed, "RC0001"), TubeCall.Negative, At);
        Assert.False(closed.IsOverdueAt(At.AddHours(2)));

        var cancelled = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(1));
        cancelled.Publish(At);
        cancelled.Withdraw("overridden", At);
        Assert.False(cancelled.IsOverdueAt(At.AddHours(2)));
        Assert.False(RecallCase.IsOverdue(At.AddHours(2)).Compile()(cancelled));
        Assert.True(RecallCase.IsOverdue(At.AddHours(13)).Compile()(recall));
    }

    /// <summary>The keyed id hash of the member the order barcode was issued for (a barcode no member has: nobody's).</summary>
    private static byte[] Person(RecallCase recall, string order) =>
        recall.Members.FirstOrDefault(m => m.OrderBarcode.Value == order)?.PersonLookupHash ?? new byte[32];

    [Fact]
    public void Another_persons_tube_with_an_ordered_barcode_does_not_answer_the_order()
    {
        var recall = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 2), Orders(2), At, TimeSpan.FromHours(12));

        Assert.False(recall.RecordResult(Barcode.Create("RC0002"), Person(recall, "RC0001"), TubeCall.Negative, At));

        Assert.Equal((RecallStatus.Open, 2), (recall.Status, recall.Outstanding));
        Assert.All(recall.Members, m => Assert.Null(m.Result));
    }

    [Fact]
    public void A_case_is_shown_once_its_pools_call_is_approved_and_its_deadline_counts_from_then()
    {
        var recall = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(12));
        Assert.False(recall.Visible);
        // Not shown yet: never overdue, however long the review takes.
        Assert.False(recall.IsOverdueAt(At.AddHours(20)));

        recall.Publish(At.AddHours(2));

        Assert.Equal((true, At.AddHours(2), At.AddHours(14)), (recall.Visible, recall.VisibleAt, recall.DueAt));
        Assert.IsType<RecallPublished>(Assert.Single(recall.TakeDomainEvents()));
        recall.Publish(At.AddHours(3));
        Assert.Equal(At.AddHours(2), recall.VisibleAt);
        Assert.Empty(recall.TakeDomainEvents());
        Assert.False(recall.IsOverdueAt(At.AddHours(14)));
        Assert.True(recall.IsOverdueAt(At.AddHours(15)));
    }

    [Fact]
    public void A_case_withdrawn_before_it_was_shown_is_never_shown_and_one_withdrawn_after_tells_its_submitter()
    {
        var unseen = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(12));
        unseen.Withdraw("overridden to negative", At.AddHours(1));
        unseen.Publish(At.AddHours(2));
        Assert.Equal((RecallStatus.Withdrawn, false, "overridden to negative"), (unseen.Status, unseen.Visible, unseen.WithdrawnReason));
        Assert.Empty(unseen.TakeDomainEvents());

        var seen = RecallCase.Open(RecallCaseId.New(), InterpretedPool(TubeCall.Positive, 1), Orders(1), At, TimeSpan.FromHours(12));
        seen.Publish(At.AddHours(1));
        seen.TakeDomainEvents();
        seen.Withdraw("sent back to retest", At.AddHours(2));
        Assert.Equal((RecallStatus.Withdrawn, true), (seen.Status, seen.Visible));
        Assert.IsType<RecallWithdrawn>(Assert.Single(seen.TakeDomainEvents()));
    }

    private static Barcode[] Orders(int count) => [.. Enumerable.Range(1, count).Select(i => Barcode.Create($"RC{i:D4}"))];

    /// <summary>A pooled tube taken through the bench to an interpreted call on a plate of the typical China kit.</summary>
    private static Tube InterpretedPool(TubeCall call, int members)
    {
        var tube = TestData.Register(TubeKind.Pooled, 10, TestData.Drafts(members), barcode: $"R{Guid.NewGuid().ToString("N")[..9]}");
        tube.Ship(At.AddHours(-4), "courier");
        tube.Receive(At.AddHours(-3), "tech");
        tube.Inactivate(At.AddHours(-2), "tech");
        var kit = BuiltInKits.ChinaOrf1abN;
        var plate = Plate.Create(PlateId.New(), Barcode.Create("P0000001"), 96, kit, FillOrder.ColumnWise, At.AddHours(-1), "tech");
        plate.Place(tube, At.AddHours(-1), "tech");
        plate.Seal(At.AddHours(-1), "tech");
        double?[] cts = call == TubeCall.Positive ? [24, 25, 28] : [null, null, 28];
        WellReading Well(string well, string name, double?[] c) =>
            new(WellPosition.Parse(well), name, [new("ORF1ab", "FAM", c[0]), new("N", "VIC", c[1]), new("IC", "Cy5", c[2])]);
        PlateRun.Import(PlateRunId.New(), plate, [tube], kit, new RunFileInfo("r.csv", new string('0', 64), 1, "plain-csv", null),
            [Well("A1", tube.Barcode.Value, cts), Well("G12", "NTC", [null, null, null]), Well("H12", "PC", [24, 25, null])], At.AddHours(-1), "tech");
        Assert.Equal(call, tube.Call);
        return tube;
    }
}

using Lims.Domain.Common;
using Lims.Domain.Inactivation;
using Lims.Domain.Reviews;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Inactivation;

public sealed class InactivationBatchTests
{
    private static readonly DateTimeOffset Start = TestData.RegisteredAt.AddHours(2);

    [Theory]
    [InlineData(InactivationMethod.Heat, 30)]
    [InlineData(InactivationMethod.Chemical, 10)]
    public void Completing_after_the_methods_time_inactivates_every_tube(InactivationMethod method, int minutes)
    {
        var tubes = ReceivedTubes(2);
        var batch = StartBatch(tubes, method);

        batch.Complete(tubes, Start.AddMinutes(minutes), "tech");

        Assert.Equal(InactivationStatus.Completed, batch.Status);
        Assert.All(tubes, t => Assert.Equal(TubeStatus.Inactivated, t.Status));
        Assert.Null(batch.OverrideReason);
        Assert.Equal(Start.AddMinutes(minutes), batch.EndedAt);
    }

    [Fact]
    public void A_short_run_is_refused_without_a_reason_and_a_senior_reviewers_signature_and_leaves_the_tubes_as_they_were()
    {
        var tubes = ReceivedTubes(1);
        var batch = StartBatch(tubes);
        var senior = new Signer("wang.fang", StaffRole.SeniorReviewer);
        var end = Start.AddMinutes(29);

        var noReason = Assert.Throws<DomainException>(() => batch.Complete(tubes, end, "tech", " ", senior));
        var unsigned = Assert.Throws<DomainException>(() => batch.Complete(tubes, end, "tech", "block validated for 29 min"));
        var reviewer = Assert.Throws<NotPermittedException>(() => batch.Complete(tubes, end, "tech", "block validated for 29 min", new Signer("li.na", StaffRole.Reviewer)));
        var admin = Assert.Throws<NotPermittedException>(() => batch.Complete(tubes, end, "tech", "block validated for 29 min", new Signer("root", StaffRole.Admin)));

        Assert.Equal(["run-too-short", "run-too-short", "senior-reviewer-required", "senior-reviewer-required"], new[] { noReason.Code, unsigned.Code, reviewer.Code, admin.Code });
        Assert.Equal(InactivationStatus.Open, batch.Status);
        Assert.Equal(TubeStatus.Received, tubes[0].Status);
        batch.Complete(tubes, end, "tech", " block validated for 29 min ", senior);
        Assert.Equal(("block validated for 29 min", "wang.fang", "senior-reviewer", end), (batch.OverrideReason, batch.OverrideSignedBy, batch.OverrideSignerRole, batch.OverrideSignedAt));
        Assert.Equal(TubeStatus.Inactivated, tubes[0].Status);
    }

    [Theory]
    [InlineData("tech", "user:tech", "tech")]
    [InlineData("user:tech", "user:tech", "TECH")]
    [InlineData("Tech", "station:bench-1", "tech")]
    public void Whoever_started_the_batch_or_is_named_its_operator_cannot_sign_off_its_short_run(string @operator, string startedBy, string signer)
    {
        var tubes = ReceivedTubes(1);
        var batch = InactivationBatch.Start(InactivationBatchId.New(), Barcode.Create("I0000002"), InactivationMethod.Heat, "Block 2", @operator, tubes, Start, startedBy);

        var own = Assert.Throws<NotPermittedException>(() => batch.Complete(tubes, Start.AddMinutes(20), "tech", "validated", new Signer(signer, StaffRole.SeniorReviewer)));

        Assert.Equal("own-batch", own.Code);
        Assert.Equal(InactivationStatus.Open, batch.Status);
        batch.Complete(tubes, Start.AddMinutes(20), "tech", "validated", new Signer("someone.else", StaffRole.SeniorReviewer));
        Assert.Equal("someone.else", batch.OverrideSignedBy);
    }

    [Fact]
    public void A_run_long_enough_records_no_override_even_when_one_is_sent()
    {
        var tubes = ReceivedTubes(1);
        var batch = StartBatch(tubes);

        batch.Complete(tubes, Start.AddMinutes(30), "tech", "not needed", new Signer("wang.fang", StaffRole.SeniorReviewer));

        Assert.Equal((null, null, null, (DateTimeOffset?)null), (batch.OverrideReason, batch.OverrideSignedBy, batch.OverrideSignerRole, batch.OverrideSignedAt));
        Assert.Equal("tech", batch.StartedBy);
    }

    [Fact]
    public void A_tube_rejected_after_it_was_loaded_stays_rejected_and_the_others_are_inactivated()
    {
        var tubes = ReceivedTubes(2);
        var batch = StartBatch(tubes);
        tubes[1].Reject(RejectionReason.Leaking, null, Start.AddMinutes(5), "tech");

        batch.Complete(tubes, Start.AddMinutes(30), "tech");

        Assert.Equal(InactivationStatus.Completed, batch.Status);
        Assert.Equal((TubeStatus.Inactivated, TubeStatus.Rejected), (tubes[0].Status, tubes[1].Status));
        Assert.Null(tubes[1].InactivatedAt);
    }

    [Fact]
    public void Only_received_tubes_are_loaded_once_into_an_open_batch()
    {
        var tubes = ReceivedTubes(1);
        var registered = TestData.Register(barcode: "T7777777");
        var batch = StartBatch(tubes);

        Assert.Equal("tube-not-received", Assert.Throws<DomainException>(() => batch.Load(registered)).Code);
        Assert.Equal("duplicate-tube", Assert.Throws<DomainException>(() => batch.Load(tubes[0])).Code);
        batch.Complete(tubes, Start.AddMinutes(30), "tech");
        Assert.Equal("batch-completed", Assert.Throws<DomainException>(() => batch.Load(ReceivedTubes(1)[0])).Code);
        Assert.Equal("batch-completed", Assert.Throws<DomainException>(() => batch.Complete(tubes, Start.AddMinutes(40), "tech")).Code);
    }

    [Fact]
    public void A_batch_names_its_equipment_and_operator_and_cannot_end_before_it_started()
    {
        var tubes = ReceivedTubes(1);
        Assert.Equal("equipment-required", Assert.Throws<DomainException>(() =>
            InactivationBatch.Start(InactivationBatchId.New(), Barcode.Create("I0000001"), InactivationMethod.Heat, " ", "tech", tubes, Start)).Code);
        Assert.Equal("empty-batch", Assert.Throws<DomainException>(() =>
            InactivationBatch.Start(InactivationBatchId.New(), Barcode.Create("I0000001"), InactivationMethod.Heat, "Block", "tech", [], Start)).Code);
        var batch = StartBatch(tubes);
        Assert.Equal("ends-before-start", Assert.Throws<DomainException>(() => batch.Complete(tubes, Start.AddMinutes(-1), "tech", "x", new Signer("wang.fang", StaffRole.SeniorReviewer))).Code);
    }

    private static InactivationBatch StartBatch(List<Tube> tubes, InactivationMethod method = InactivationMethod.Heat) =>
        InactivationBatch.Start(InactivationBatchId.New(), Barcode.Create("I0000001"), method, "Block 2", "tech", tubes, Start);

    private static List<Tube> ReceivedTubes(int count) =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var tube = TestData.Register(barcode: $"R{Guid.NewGuid().ToString("N")[..7]}");
            tube.Ship(Start.AddHours(-1), "courier");
            tube.Receive(Start.AddMinutes(-30), "tech");
            return tube;
        })];
}

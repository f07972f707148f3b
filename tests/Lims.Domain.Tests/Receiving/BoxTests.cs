using Lims.Domain.Common;
using Lims.Domain.Receiving;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Receiving;

public sealed class BoxTests
{
    private static readonly DateTimeOffset At = TestData.RegisteredAt.AddHours(1);

    [Fact]
    public void Shipping_a_box_ships_every_tube_in_it_with_the_box_in_the_history()
    {
        var tubes = Tubes(3);
        var box = Ship(tubes, declared: 3);

        Assert.Equal(BoxStatus.Shipped, box.Status);
        Assert.All(tubes, t => Assert.Equal(TubeStatus.Shipped, t.Status));
        Assert.All(tubes, t => Assert.Equal("box B0000001", t.History[^1].Reason));
        Assert.Equal(tubes.Select(t => t.Barcode), box.Tubes.Select(t => t.Barcode));
    }

    [Fact]
    public void A_box_refuses_tubes_of_another_submitter_twice_the_same_tube_or_a_tube_already_shipped()
    {
        var tubes = Tubes(2);
        var stranger = TestData.Register(barcode: "T9999999");

        Assert.Equal("foreign-tube", Assert.Throws<DomainException>(() => Ship([tubes[0], stranger], declared: 2)).Code);
        Assert.Equal("duplicate-tube", Assert.Throws<DomainException>(() => Ship([tubes[1], tubes[1]], declared: 2)).Code);
        var shipped = Tubes(1);
        Ship(shipped, declared: 1);
        var error = Assert.Throws<DomainException>(() => Ship(shipped, declared: 1));
        Assert.Equal("tube-not-shippable", error.Code);
        Assert.Contains(shipped[0].Barcode.Value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Box.MaxTubes + 1)]
    public void The_declared_count_is_between_one_and_the_box_capacity(int declared) =>
        Assert.Equal("invalid-declared-count", Assert.Throws<DomainException>(() => Ship(Tubes(1), declared)).Code);

    [Fact]
    public void Scans_are_classified_and_only_expected_tubes_are_received()
    {
        var tubes = Tubes(2);
        var outsider = TestData.Register(barcode: "T5555555");
        var box = Ship(tubes, declared: 2);

        Assert.Equal(ScanOutcome.Expected, box.Scan(Guid.NewGuid(), tubes[0].Barcode, tubes[0], At, "tech"));
        Assert.Equal(ScanOutcome.Duplicate, box.Scan(Guid.NewGuid(), tubes[0].Barcode, tubes[0], At, "tech"));
        Assert.Equal(ScanOutcome.Unknown, box.Scan(Guid.NewGuid(), Barcode.Create("NOPE0001"), null, At, "tech"));
        Assert.Equal(ScanOutcome.Extra, box.Scan(Guid.NewGuid(), outsider.Barcode, outsider, At, "tech"));

        Assert.Equal(BoxStatus.Receiving, box.Status);
        Assert.Equal(TubeStatus.Received, tubes[0].Status);
        Assert.Equal(TubeStatus.Shipped, tubes[1].Status);
        Assert.Equal(TubeStatus.Registered, outsider.Status);
    }

    [Fact]
    public void The_same_scan_sent_twice_is_recorded_once()
    {
        var tubes = Tubes(1);
        var box = Ship(tubes, declared: 1);
        var scan = Guid.NewGuid();

        box.Scan(scan, tubes[0].Barcode, tubes[0], At, "tech");
        var again = box.Scan(scan, tubes[0].Barcode, tubes[0], At, "tech");

        Assert.Equal(ScanOutcome.Expected, again);
        Assert.Single(box.Scans);
        Assert.Equal("scan-id-reused", Assert.Throws<DomainException>(() => box.Scan(scan, Barcode.Create("OTHER001"), null, At, "tech")).Code);
    }

    [Fact]
    public void A_scan_without_a_scan_id_is_a_physical_scan_of_its_own()
    {
        var tubes = Tubes(1);
        var box = Ship(tubes, declared: 1);

        var first = box.Scan(null, tubes[0].Barcode, tubes[0], At, "tech");
        var again = box.Scan(null, tubes[0].Barcode, tubes[0], At, "tech");

        Assert.Equal((ScanOutcome.Expected, ScanOutcome.Duplicate), (first, again));
        Assert.Equal(2, box.Scans.Select(s => s.ScanId).Distinct().Count());
        Assert.DoesNotContain(box.Scans, s => s.ScanId == Guid.Empty);
        Assert.Equal("invalid-scan-id", Assert.Throws<DomainException>(() => box.Scan(Guid.Empty, tubes[0].Barcode, tubes[0], At, "tech")).Code);
    }

    [Fact]
    public void The_counter_counts_packed_tubes_matched_of_declared_and_the_exceptions_apart()
    {
        var tubes = Tubes(3);
        var outsider = TestData.Register(barcode: "T5555555");
        var box = Ship(tubes, declared: 3);

        box.Scan(null, tubes[0].Barcode, tubes[0], At, "tech");
        box.Scan(null, tubes[1].Barcode, tubes[1], At, "tech");
        box.Scan(null, Barcode.Create("NOPE0001"), null, At, "tech");
        box.Scan(null, outsider.Barcode, outsider, At, "tech");
        box.Scan(null, tubes[1].Barcode, tubes[1], At, "tech");

        // Five scans of four barcodes, with one of the three tubes missing: 2 of 3, not "4 / 3".
        Assert.Equal(new BoxCount(Declared: 3, Matched: 2, Extra: 1, Unknown: 1, Duplicate: 1, Received: 2), box.Count());
    }

    [Fact]
    public void Closing_lists_every_difference_and_a_count_that_differs()
    {
        var tubes = Tubes(3);
        var box = Ship(tubes, declared: 4);
        box.Scan(Guid.NewGuid(), tubes[0].Barcode, tubes[0], At, "tech");
        box.Scan(Guid.NewGuid(), tubes[1].Barcode, tubes[1], At, "tech");

        var found = box.Close(At, "tech");

        Assert.Equal(BoxStatus.Closed, box.Status);
        Assert.Equal([(DiscrepancyKind.Missing, tubes[2].Barcode), (DiscrepancyKind.CountMismatch, (Barcode?)null)],
            found.Select(d => (d.Kind, d.Barcode)));
        Assert.Contains("declared with 4 tubes; 2 distinct", found[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_box_closes_without_discrepancies_and_cannot_be_closed_or_scanned_again()
    {
        var tubes = Tubes(2);
        var box = Ship(tubes, declared: 2);
        foreach (var tube in tubes) box.Scan(Guid.NewGuid(), tube.Barcode, tube, At, "tech");

        Assert.Empty(box.Close(At, "tech"));
        Assert.Equal("box-closed", Assert.Throws<DomainException>(() => box.Close(At, "tech")).Code);
        Assert.Equal("box-closed", Assert.Throws<DomainException>(() => box.Scan(Guid.NewGuid(), tubes[0].Barcode, tubes[0], At, "tech")).Code);
    }

    [Fact]
    public void Rejecting_for_another_reason_needs_a_note_and_records_the_reason()
    {
        var tube = Tubes(1)[0];
        tube.Ship(At, "courier");

        Assert.Equal("note-required", Assert.Throws<DomainException>(() => tube.Reject(RejectionReason.Other, " ", At, "tech")).Code);
        tube.Reject(RejectionReason.Other, "cap cracked", At, "tech");

        Assert.Equal(TubeStatus.Rejected, tube.Status);
        Assert.Equal(RejectionReason.Other, tube.Rejection);
        Assert.Equal("other: cap cracked", tube.History[^1].Reason);
    }

    private static List<Tube> Tubes(int count)
    {
        var submitter = SubmitterId.New();
        return [.. Enumerable.Range(1, count).Select(i => Tube.Register(
            TubeId.New(), Barcode.Create($"T{i:D7}"), TubeKind.Single, 1, submitter, SubmissionId.New(),
            TestData.CollectedAt, "site", Priority.Routine, TestData.Drafts(1), TestData.RegisteredAt, TestData.Registrar))];
    }

    private static Box Ship(List<Tube> tubes, int declared) =>
        Box.Ship(BoxId.New(), Barcode.Create("B0000001"), tubes[0].SubmitterId, declared, tubes, At, "courier");
}

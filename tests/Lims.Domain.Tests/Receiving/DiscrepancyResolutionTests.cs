using Lims.Domain.Common;
using Lims.Domain.Receiving;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Receiving;

public sealed class DiscrepancyResolutionTests
{
    private static readonly DateTimeOffset ShippedAt = TestData.RegisteredAt.AddHours(1);
    private static readonly DateTimeOffset ClosedAt = ShippedAt.AddHours(2);
    private static readonly DateTimeOffset ResolvedAt = ClosedAt.AddHours(1);

    /// <summary>The resolutions each kind takes, written out here rather than read from the domain.</summary>
    private static readonly Dictionary<DiscrepancyKind, DiscrepancyResolution[]> Allowed = new()
    {
        [DiscrepancyKind.Missing] = [DiscrepancyResolution.Lost, DiscrepancyResolution.Found],
        [DiscrepancyKind.Extra] = [DiscrepancyResolution.Received, DiscrepancyResolution.Returned],
        [DiscrepancyKind.Unknown] = [DiscrepancyResolution.Returned, DiscrepancyResolution.Destroyed],
        [DiscrepancyKind.Duplicate] = [DiscrepancyResolution.Acknowledged],
        [DiscrepancyKind.CountMismatch] = [DiscrepancyResolution.Acknowledged],
    };

    public static TheoryData<DiscrepancyKind, DiscrepancyResolution> AllowedPairs()
    {
        var data = new TheoryData<DiscrepancyKind, DiscrepancyResolution>();
        foreach (var (kind, resolutions) in Allowed)
            foreach (var resolution in resolutions) data.Add(kind, resolution);
        return data;
    }

    public static TheoryData<DiscrepancyKind, DiscrepancyResolution> RefusedPairs()
    {
        var data = new TheoryData<DiscrepancyKind, DiscrepancyResolution>();
        foreach (var kind in Enum.GetValues<DiscrepancyKind>())
            foreach (var resolution in Enum.GetValues<DiscrepancyResolution>().Except(Allowed[kind])) data.Add(kind, resolution);
        return data;
    }

    [Fact]
    public void Closing_numbers_the_discrepancies_in_the_order_they_are_listed_and_leaves_them_open()
    {
        var s = new Scenario();

        Assert.Equal(
            [(1, DiscrepancyKind.Missing, s.Missing.Barcode), (2, DiscrepancyKind.Duplicate, s.Scanned.Barcode), (3, DiscrepancyKind.Unknown, s.Unknown),
             (4, DiscrepancyKind.Extra, s.Extra.Barcode), (5, DiscrepancyKind.CountMismatch, (Barcode?)null)],
            s.Box.Discrepancies.Select(d => (d.Number, d.Kind, d.Barcode)));
        Assert.All(s.Box.Discrepancies, d => Assert.Null(d.Resolution));
        Assert.False(s.Box.IsReconciled);
        Assert.Equal(5, s.Box.OpenDiscrepancies);
    }

    [Fact]
    public void Missing_tubes_are_listed_by_barcode_and_scans_by_the_time_they_were_made()
    {
        var submitter = SubmitterId.New();
        var packed = new List<Tube> { Register("T0000003", submitter), Register("T0000001", submitter), Register("T0000002", submitter) };
        var box = Box.Ship(BoxId.New(), Barcode.Create("B0000001"), submitter, 3, packed, ShippedAt, "courier");
        // A scanner that sends its queue late: the second call was scanned first.
        box.Scan(Guid.NewGuid(), Barcode.Create("NOPE0002"), null, ClosedAt.AddMinutes(2), "tech");
        box.Scan(Guid.NewGuid(), Barcode.Create("NOPE0001"), null, ClosedAt.AddMinutes(1), "tech");

        box.Close(ClosedAt.AddMinutes(3), "tech");

        Assert.Equal(["T0000001", "T0000002", "T0000003", "NOPE0001", "NOPE0002"], box.Discrepancies.Take(5).Select(d => d.Barcode!.Value.Value));
        Assert.Equal([1, 2, 3, 4, 5, 6], box.Discrepancies.Select(d => d.Number));
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Each_kind_is_resolved_with_the_resolutions_that_fit_it(DiscrepancyKind kind, DiscrepancyResolution resolution)
    {
        var s = new Scenario();
        var number = s.NumberOf(kind);

        var resolved = s.Box.Resolve(number, resolution, " what happened ", s.TubeFor(kind), ResolvedAt, "tech-2");

        Assert.Same(s.Box.Discrepancies[number - 1], resolved);
        Assert.Equal(resolution, resolved.Resolution);
        Assert.Equal("what happened", resolved.ResolutionNote);
        Assert.Equal(ResolvedAt, resolved.ResolvedAt);
        Assert.Equal("tech-2", resolved.ResolvedBy);
        Assert.Equal(4, s.Box.OpenDiscrepancies);
        Assert.False(s.Box.IsReconciled);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void A_resolution_that_does_not_fit_the_kind_is_refused_and_changes_nothing(DiscrepancyKind kind, DiscrepancyResolution resolution)
    {
        var s = new Scenario();
        var version = s.Box.Version;
        var tube = s.TubeFor(kind) ?? s.Extra;
        var history = tube.History.Count;

        var error = Assert.Throws<DomainException>(() => s.Box.Resolve(s.NumberOf(kind), resolution, "note", s.TubeFor(kind), ResolvedAt, "tech-2"));

        Assert.Equal("resolution-not-allowed", error.Code);
        Assert.Contains(resolution.ToWire(), error.Message, StringComparison.Ordinal);
        Assert.Null(s.Box.Discrepancies[s.NumberOf(kind) - 1].Resolution);
        Assert.Equal(version, s.Box.Version);
        Assert.Equal(history, tube.History.Count);
    }

    [Fact]
    public void A_missing_tube_that_is_found_is_received_now_with_who_and_when()
    {
        var s = new Scenario();

        s.Box.Resolve(1, DiscrepancyResolution.Found, null, s.Missing, ResolvedAt, "tech-2");

        Assert.Equal(TubeStatus.Received, s.Missing.Status);
        Assert.Equal(new TubeStatusChange(TubeStatus.Shipped, TubeStatus.Received, ResolvedAt, "tech-2", null), s.Missing.History[^1]);
    }

    [Fact]
    public void A_lost_tube_stays_as_it_is()
    {
        var s = new Scenario();

        s.Box.Resolve(1, DiscrepancyResolution.Lost, "not in the box, courier asked", s.Missing, ResolvedAt, "tech-2");

        Assert.Equal(TubeStatus.Shipped, s.Missing.Status);
        Assert.Equal(2, s.Missing.History.Count);
    }

    [Fact]
    public void An_extra_tube_shipped_in_another_box_of_the_submitter_is_received_and_a_returned_one_is_not()
    {
        var received = new Scenario();
        var returned = new Scenario();

        received.Box.Resolve(4, DiscrepancyResolution.Received, null, received.Extra, ResolvedAt, "tech-2");
        returned.Box.Resolve(4, DiscrepancyResolution.Returned, "sent back with the courier", returned.Extra, ResolvedAt, "tech-2");

        Assert.Equal(TubeStatus.Received, received.Extra.Status);
        Assert.Equal("tech-2", received.Extra.History[^1].Actor);
        Assert.Equal(TubeStatus.Shipped, returned.Extra.Status);
    }

    [Fact]
    public void An_extra_tube_that_was_never_shipped_is_received_into_the_box_but_another_submitters_is_not()
    {
        var unshipped = new Scenario(extraShipped: false);
        var foreign = new Scenario(extraOfAnotherSubmitter: true);

        unshipped.Box.Resolve(4, DiscrepancyResolution.Received, null, unshipped.Extra, ResolvedAt, "tech-2");
        var notTheirs = Assert.Throws<DomainException>(() => foreign.Box.Resolve(4, DiscrepancyResolution.Received, null, foreign.Extra, ResolvedAt, "tech-2"));

        // In the custody of the box it came with: the history says which, who and when.
        Assert.Equal(TubeStatus.Received, unshipped.Extra.Status);
        Assert.Equal(new TubeStatusChange(TubeStatus.Registered, TubeStatus.Received, ResolvedAt, "tech-2", "box B0000001, as an extra tube"), unshipped.Extra.History[^1]);
        Assert.Equal(ResolvedAt, unshipped.Extra.ReceivedAt);
        Assert.Equal(DiscrepancyResolution.Received, unshipped.Box.Discrepancies[3].Resolution);
        Assert.Equal(2, unshipped.Box.Count().Received); // T1 matched, the extra tube received
        Assert.Equal("foreign-tube", notTheirs.Code);
        Assert.Equal(TubeStatus.Shipped, foreign.Extra.Status);
        Assert.Null(foreign.Box.Discrepancies[3].Resolution);
        // The other submitter's can still be sent back.
        foreign.Box.Resolve(4, DiscrepancyResolution.Returned, "not packed by the site", foreign.Extra, ResolvedAt, "tech-2");
        Assert.Equal(DiscrepancyResolution.Returned, foreign.Box.Discrepancies[3].Resolution);
    }

    [Fact]
    public void A_missing_tube_rejected_meanwhile_cannot_be_found_and_the_discrepancy_stays_open()
    {
        var s = new Scenario();
        s.Missing.Reject(RejectionReason.Leaking, null, ClosedAt, "tech");

        var error = Assert.Throws<DomainException>(() => s.Box.Resolve(1, DiscrepancyResolution.Found, null, s.Missing, ResolvedAt, "tech-2"));

        Assert.Equal("tube-not-receivable", error.Code);
        Assert.Equal(TubeStatus.Rejected, s.Missing.Status);
        Assert.Null(s.Box.Discrepancies[0].Resolution);
    }

    [Theory]
    [InlineData(DiscrepancyKind.Missing, DiscrepancyResolution.Lost)]
    [InlineData(DiscrepancyKind.Extra, DiscrepancyResolution.Returned)]
    [InlineData(DiscrepancyKind.Unknown, DiscrepancyResolution.Returned)]
    [InlineData(DiscrepancyKind.Unknown, DiscrepancyResolution.Destroyed)]
    public void Lost_returned_and_destroyed_need_a_note(DiscrepancyKind kind, DiscrepancyResolution resolution)
    {
        var s = new Scenario();

        Assert.Equal("note-required", Assert.Throws<DomainException>(() => s.Box.Resolve(s.NumberOf(kind), resolution, null, s.TubeFor(kind), ResolvedAt, "tech-2")).Code);
        Assert.Equal("note-required", Assert.Throws<DomainException>(() => s.Box.Resolve(s.NumberOf(kind), resolution, "  ", s.TubeFor(kind), ResolvedAt, "tech-2")).Code);
        Assert.Equal(5, s.Box.OpenDiscrepancies);
    }

    [Theory]
    [InlineData(DiscrepancyKind.Missing, DiscrepancyResolution.Found)]
    [InlineData(DiscrepancyKind.Extra, DiscrepancyResolution.Received)]
    [InlineData(DiscrepancyKind.Duplicate, DiscrepancyResolution.Acknowledged)]
    [InlineData(DiscrepancyKind.CountMismatch, DiscrepancyResolution.Acknowledged)]
    public void Found_received_and_acknowledged_need_no_note(DiscrepancyKind kind, DiscrepancyResolution resolution)
    {
        var s = new Scenario();

        var resolved = s.Box.Resolve(s.NumberOf(kind), resolution, " ", s.TubeFor(kind), ResolvedAt, "tech-2");

        Assert.Equal(resolution, resolved.Resolution);
        Assert.Null(resolved.ResolutionNote);
    }

    [Fact]
    public void The_identical_resolution_sent_again_answers_the_first_and_changes_nothing()
    {
        var s = new Scenario();
        var first = s.Box.Resolve(1, DiscrepancyResolution.Found, "under the rack", s.Missing, ResolvedAt, "tech-2");
        var version = s.Box.Version;
        var history = s.Missing.History.Count;

        var again = s.Box.Resolve(1, DiscrepancyResolution.Found, "under the rack ", s.Missing, ResolvedAt.AddMinutes(1), "tech-3");

        Assert.Same(first, again);
        Assert.Equal(ResolvedAt, again.ResolvedAt);
        Assert.Equal("tech-2", again.ResolvedBy);
        Assert.Equal(version, s.Box.Version);
        Assert.Equal(history, s.Missing.History.Count);
    }

    [Theory]
    [InlineData(DiscrepancyResolution.Lost, "it is gone")]
    [InlineData(DiscrepancyResolution.Found, "another note")]
    [InlineData(DiscrepancyResolution.Found, null)]
    public void A_resolved_discrepancy_is_not_resolved_again_differently(DiscrepancyResolution resolution, string? note)
    {
        var s = new Scenario();
        s.Box.Resolve(1, DiscrepancyResolution.Found, "under the rack", s.Missing, ResolvedAt, "tech-2");

        var error = Assert.Throws<DomainException>(() => s.Box.Resolve(1, resolution, note, s.Missing, ResolvedAt, "tech-3"));

        Assert.Equal("discrepancy-resolved", error.Code);
        Assert.Contains("already resolved as found (under the rack) by tech-2", error.Message, StringComparison.Ordinal);
        Assert.Equal(DiscrepancyResolution.Found, s.Box.Discrepancies[0].Resolution);
        Assert.Equal("under the rack", s.Box.Discrepancies[0].ResolutionNote);
    }

    [Fact]
    public void The_box_is_reconciled_once_every_discrepancy_is_resolved()
    {
        var s = new Scenario();
        var steps = new (int Number, DiscrepancyResolution Resolution, string? Note)[]
        {
            (1, DiscrepancyResolution.Lost, "never packed"), (2, DiscrepancyResolution.Acknowledged, null), (3, DiscrepancyResolution.Destroyed, "blank tube"),
            (4, DiscrepancyResolution.Received, null), (5, DiscrepancyResolution.Acknowledged, null),
        };
        var open = new List<int>();

        foreach (var (number, resolution, note) in steps)
        {
            Assert.False(s.Box.IsReconciled);
            s.Box.Resolve(number, resolution, note, number == 4 ? s.Extra : null, ResolvedAt, "tech-2");
            open.Add(s.Box.OpenDiscrepancies);
        }

        Assert.Equal([4, 3, 2, 1, 0], open);
        Assert.True(s.Box.IsReconciled);
    }

    [Fact]
    public void A_box_without_discrepancies_is_reconciled_when_it_closes_and_an_open_box_is_not()
    {
        var tube = Register("T0000001", SubmitterId.New());
        var box = Box.Ship(BoxId.New(), Barcode.Create("B0000001"), tube.SubmitterId, 1, [tube], ShippedAt, "courier");
        box.Scan(Guid.NewGuid(), tube.Barcode, tube, ClosedAt, "tech");

        Assert.False(box.IsReconciled);
        box.Close(ClosedAt, "tech");
        Assert.True(box.IsReconciled);
        Assert.Equal(0, box.OpenDiscrepancies);
    }

    [Fact]
    public void Only_a_closed_box_has_discrepancies_to_resolve_and_only_by_their_numbers()
    {
        var tube = Register("T0000001", SubmitterId.New());
        var open = Box.Ship(BoxId.New(), Barcode.Create("B0000001"), tube.SubmitterId, 2, [tube], ShippedAt, "courier");
        var s = new Scenario();

        Assert.Equal("box-not-closed", Assert.Throws<DomainException>(() => open.Resolve(1, DiscrepancyResolution.Acknowledged, null, null, ResolvedAt, "tech")).Code);
        Assert.Equal("unknown-discrepancy", Assert.Throws<DomainException>(() => s.Box.Resolve(6, DiscrepancyResolution.Acknowledged, null, null, ResolvedAt, "tech")).Code);
        Assert.Equal("unknown-discrepancy", Assert.Throws<DomainException>(() => s.Box.Resolve(0, DiscrepancyResolution.Acknowledged, null, null, ResolvedAt, "tech")).Code);
        Assert.Equal("actor-required", Assert.Throws<DomainException>(() => s.Box.Resolve(2, DiscrepancyResolution.Acknowledged, null, null, ResolvedAt, " ")).Code);
        Assert.Equal(5, s.Box.OpenDiscrepancies);
    }

    [Fact]
    public void Every_resolution_has_a_wire_name_that_reads_back()
    {
        Assert.Equal(["lost", "found", "received", "returned", "destroyed", "acknowledged"], Enum.GetValues<DiscrepancyResolution>().Select(r => r.ToWire()));
        Assert.All(Enum.GetValues<DiscrepancyResolution>(), r => Assert.Equal(r, Wire.Parse<DiscrepancyResolution>(r.ToWire())));
        Assert.Null(Wire.Parse<DiscrepancyResolution>("Lost"));
        Assert.Null(Wire.Parse<DiscrepancyResolution>(null));
    }

    private static Tube Register(string barcode, SubmitterId submitter) => Tube.Register(
        TubeId.New(), Barcode.Create(barcode), TubeKind.Single, 1, submitter, SubmissionId.New(),
        TestData.CollectedAt, "site", Priority.Routine, TestData.Drafts(1), TestData.RegisteredAt, TestData.Registrar);

    /// <summary>
    /// A closed box with one discrepancy of each kind: packed T1 and T2, declared 4; scanned T1,
    /// T1 again, an unknown barcode and an extra tube → 1 missing T2, 2 duplicate T1, 3 unknown,
    /// 4 extra, 5 count mismatch (3 distinct barcodes scanned). The extra tube is the same
    /// submitter's, shipped in another box, unless told otherwise.
    /// </summary>
    private sealed class Scenario
    {
        public Scenario(bool extraShipped = true, bool extraOfAnotherSubmitter = false)
        {
            var submitter = SubmitterId.New();
            Scanned = Register("T0000001", submitter);
            Missing = Register("T0000002", submitter);
            Extra = Register("T0000009", extraOfAnotherSubmitter ? SubmitterId.New() : submitter);
            if (extraShipped)
                Box.Ship(BoxId.New(), Barcode.Create("B0000002"), Extra.SubmitterId, 1, [Extra], ShippedAt, "courier");
            Box = Box.Ship(BoxId.New(), Barcode.Create("B0000001"), submitter, 4, [Scanned, Missing], ShippedAt, "courier");
            Box.Scan(Guid.NewGuid(), Scanned.Barcode, Scanned, ClosedAt, "tech");
            Box.Scan(Guid.NewGuid(), Scanned.Barcode, Scanned, ClosedAt, "tech");
            Box.Scan(Guid.NewGuid(), Unknown, null, ClosedAt, "tech");
            Box.Scan(Guid.NewGuid(), Extra.Barcode, Extra, ClosedAt, "tech");
            Box.Close(ClosedAt, "tech");
        }

        public Box Box { get; }
        public Tube Scanned { get; }
        public Tube Missing { get; }
        public Tube Extra { get; }
        public Barcode Unknown { get; } = Barcode.Create("NOPE0001");

        public int NumberOf(DiscrepancyKind kind) => Box.Discrepancies.Single(d => d.Kind == kind).Number;

        public Tube? TubeFor(DiscrepancyKind kind) => kind switch
        {
            DiscrepancyKind.Missing => Missing,
            DiscrepancyKind.Extra => Extra,
            _ => null,
        };
    }
}

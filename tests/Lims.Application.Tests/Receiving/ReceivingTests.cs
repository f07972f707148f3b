using Lims.Application.Features.Inactivation;
using Lims.Application.Features.Receiving;

namespace Lims.Application.Tests.Receiving;

/// <summary>Boxes shipped by a submitter, scanned in at the bench, closed with a reconciliation whose discrepancies are resolved; tubes rejected at receipt.</summary>
public abstract class ReceivingTests(LimsApp app)
{
    [Fact]
    public async Task Shipping_a_box_ships_its_tubes_and_shipping_it_again_answers_the_same_box()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = Barcodes.New("B");

        var first = await app.SendAsync(new ShipBox(hospital, "api:test", box, 2, tubes));
        var retry = await app.SendAsync(new ShipBox(hospital, "api:test", box, 2, [tubes[1], tubes[0]]));

        Assert.Equal((false, "shipped", 2), (first.Replayed, first.Box.Status, first.Box.DeclaredCount));
        Assert.Equal(tubes, first.Box.Tubes);
        Assert.True(retry.Replayed);
        Assert.Equal((first.Box.Barcode, first.Box.ShippedAt), (retry.Box.Barcode, retry.Box.ShippedAt));
        Assert.Equal(tubes.Order(StringComparer.Ordinal), retry.Box.Tubes.Order(StringComparer.Ordinal));
        foreach (var tube in tubes)
        {
            var stored = await app.TubeAsync(tube);
            Assert.Equal(TubeStatus.Shipped, stored.Status);
            Assert.Single(stored.History, h => h.To == TubeStatus.Shipped && h.Reason == $"box {box}");
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Boxes.CountAsync(b => b.Barcode == Barcode.Create(box))));
    }

    [Fact]
    public async Task A_box_barcode_shipped_with_other_contents_is_a_conflict_and_a_tube_goes_in_one_box_only()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes[0]);

        var otherTube = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ShipBox(hospital, "api:test", box, 1, [tubes[1]])));
        var otherCount = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ShipBox(hospital, "api:test", box, 2, [tubes[0]])));
        var reboxed = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new ShipBox(hospital, "api:test", Barcodes.New("B"), 1, [tubes[0]])));

        Assert.All(new[] { otherTube, otherCount }, e => Assert.Equal("box-exists", e.Code));
        Assert.Equal("tube-not-shippable", reboxed.Code);
        Assert.Contains(tubes[0], reboxed.Message, StringComparison.Ordinal);
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(tubes[1])).Status);
        Assert.Equal([tubes[0]], (await app.SendAsync(new GetBox(box, hospital))).Tubes);
    }

    [Fact]
    public async Task A_box_with_another_submitters_or_an_unknown_tube_is_refused_on_tubes_and_nothing_ships()
    {
        var (hospital, mine) = await app.RegisteredTubesAsync(1);
        var (_, theirs) = await app.RegisteredTubesAsync(1);
        var box = Barcodes.New("B");

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ShipBox(hospital, "api:test", box, 3, [mine[0], theirs[0], "NOSUCHTUBE"])));

        Assert.Equal(["tubes"], refused.Errors.Keys);
        Assert.Equal([$"{theirs[0]} is not a registered tube of yours.", "NOSUCHTUBE is not a registered tube of yours."], refused.Errors["tubes"]);
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(mine[0])).Status);
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(theirs[0])).Status);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBox(box, null)));
    }

    [Fact]
    public async Task A_box_barcode_another_submitter_shipped_is_refused_as_a_barcode_of_no_use_saying_nothing_of_their_box()
    {
        var (owner, theirs) = await app.RegisteredTubesAsync(1);
        var box = await app.ShipAsync(owner, theirs);
        var (stranger, mine) = await app.RegisteredTubesAsync(1);

        // Their very contents, or the stranger's own tubes: the same answer, on the barcode, and no word of shipped or exists.
        var same = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ShipBox(stranger, "api:stranger", box, 1, theirs)));
        var own = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ShipBox(stranger, "api:stranger", box, 1, mine)));

        foreach (var refused in new[] { same, own })
        {
            Assert.Equal(["barcode"], refused.Errors.Keys);
            Assert.Equal($"{box} cannot be the barcode of a box of yours: label the box with another barcode.", Assert.Single(refused.Errors["barcode"]));
        }
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(mine[0])).Status);
        Assert.Equal([theirs[0]], (await app.SendAsync(new GetBox(box, owner))).Tubes);
        // The owner still hears about their own box.
        Assert.Equal("box-exists", (await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ShipBox(owner, "api:test", box, 2, theirs)))).Code);
    }

    [Fact]
    public async Task Another_submitters_box_is_not_found_by_them_but_the_lab_sees_it()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(1);
        var box = await app.ShipAsync(hospital, tubes);
        var stranger = await app.SubmitterAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBox(box, stranger)));

        Assert.Equal("shipped", (await app.SendAsync(new GetBox(box, null))).Status);
    }

    [Fact]
    public async Task A_retried_scan_answers_its_first_outcome_and_records_nothing_new_and_a_reused_scan_id_is_refused()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes);
        var scanId = Guid.NewGuid();

        var first = await app.SendAsync(new ScanTube(box, scanId, tubes[0], AppFlow.Bench));
        var retry = await app.AtAsync(app.Clock.Now.AddMinutes(1), () => app.SendAsync(new ScanTube(box, scanId, tubes[0], AppFlow.Bench)));
        var reused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new ScanTube(box, scanId, tubes[1], AppFlow.Bench)));

        Assert.Equal(("expected", "received", 1, 2), (first.Outcome, first.TubeStatus, first.Count.Matched, first.Count.Declared));
        Assert.Equal(first, retry);
        Assert.Equal("scan-id-reused", reused.Code);
        var scan = Assert.Single((await app.SendAsync(new GetBox(box, null))).Scans);
        Assert.Equal((scanId, app.Clock.Now), (scan.ScanId, scan.At));
        Assert.Single((await app.TubeAsync(tubes[0])).History, h => h.To == TubeStatus.Received);
        Assert.Equal(TubeStatus.Shipped, (await app.TubeAsync(tubes[1])).Status);
    }

    [Fact]
    public async Task Scans_sent_at_the_same_time_to_one_box_each_land_once_or_are_asked_to_be_sent_again()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(4);
        var box = await app.ShipAsync(hospital, tubes);
        var scans = tubes.Select(t => (Tube: t, ScanId: Guid.NewGuid())).ToList();

        // Two scanners on one box, and each scan retried while the first send of it is still being saved.
        var answers = await Task.WhenAll(scans.Concat(scans).Select(scan => Task.Run(async () =>
        {
            try
            {
                return (await app.SendAsync(new ScanTube(box, scan.ScanId, scan.Tube, AppFlow.Bench))).Outcome;
            }
            catch (ConflictException e)
            {
                return e.Code;
            }
        })));

        Assert.All(answers, a => Assert.Contains(a, new[] { "expected", "box-changed" }));
        // Sent again, every scan answers its outcome; each is recorded once and each tube received once.
        foreach (var scan in scans) Assert.Equal("expected", (await app.SendAsync(new ScanTube(box, scan.ScanId, scan.Tube, AppFlow.Bench))).Outcome);
        Assert.Equal(scans.Select(s => s.ScanId).Order(), (await app.SendAsync(new GetBox(box, null))).Scans.Select(s => s.ScanId).Order());
        foreach (var tube in tubes) Assert.Single((await app.TubeAsync(tube)).History, h => h.To == TubeStatus.Received);
    }

    [Fact]
    public async Task Unknown_extra_and_repeated_barcodes_are_recorded_as_such_and_receive_nothing()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(3);
        var box = await app.ShipAsync(hospital, tubes[0]);
        var elsewhere = await app.ShipAsync(hospital, tubes[1]);

        var outcomes = new List<ScanResult>();
        foreach (var tube in new[] { tubes[0], "UNKNOWN-" + Barcodes.New(), tubes[1], tubes[2], tubes[0] })
            outcomes.Add(await app.ScanAsync(box, tube));

        Assert.Equal(["expected", "unknown", "extra", "extra", "duplicate"], outcomes.Select(o => o.Outcome));
        Assert.Equal(["received", null, "shipped", "registered", "received"], outcomes.Select(o => o.TubeStatus));
        // Only the packed tube counts as matched; the rest are the exceptions, apart.
        Assert.Equal(
            [(1, 0, 0, 0), (1, 1, 0, 0), (1, 1, 1, 0), (1, 1, 2, 0), (1, 1, 2, 1)],
            outcomes.Select(o => (o.Count.Matched, o.Count.Unknown, o.Count.Extra, o.Count.Duplicate)));
        Assert.Equal(TubeStatus.Shipped, (await app.TubeAsync(tubes[1])).Status);
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(tubes[2])).Status);
        Assert.Equal("shipped", (await app.SendAsync(new GetBox(elsewhere, null))).Status);
        Assert.Equal("receiving", (await app.SendAsync(new GetBox(box, null))).Status);
    }

    [Fact]
    public async Task Closing_a_box_lists_every_discrepancy_numbered_in_order_and_the_box_takes_no_more_scans()
    {
        var (box, a, b, unknown, extra) = await ClosedBoxWithEveryDiscrepancyAsync();

        var view = await app.SendAsync(new GetBox(box, null));

        Assert.Equal("closed", view.Status);
        Assert.Equal(app.Clock.Now, view.ClosedAt);
        Assert.Equal(
            [(1, "missing", b), (2, "duplicate", a), (3, "unknown", unknown), (4, "extra", extra), (5, "count-mismatch", null)],
            view.Discrepancies.Select(d => (d.Number, d.Kind, d.Barcode)));
        Assert.Contains("declared with 4 tubes; 3 distinct barcodes", view.Discrepancies[4].Description, StringComparison.Ordinal);
        Assert.All(view.Discrepancies, d => Assert.Null(d.Resolution));
        Assert.Equal((false, 5), (view.Reconciled, view.OpenDiscrepancies));
        Assert.Equal("box-closed", (await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new CloseBox(box, AppFlow.Bench)))).Code);
        Assert.Equal("box-closed", (await Assert.ThrowsAsync<DomainException>(() => app.ScanAsync(box, b))).Code);
        Assert.Equal(TubeStatus.Shipped, (await app.TubeAsync(b)).Status);
    }

    [Fact]
    public async Task A_box_whose_scans_match_what_was_shipped_closes_reconciled()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes);
        foreach (var tube in tubes) await app.ScanAsync(box, tube);

        var closed = await app.SendAsync(new CloseBox(box, AppFlow.Bench));

        Assert.Empty(closed.Discrepancies);
        Assert.Equal(("closed", true, 0), (closed.Status, closed.Reconciled, closed.OpenDiscrepancies));
    }

    [Fact]
    public async Task Each_discrepancy_is_resolved_with_a_resolution_its_kind_allows_and_then_the_box_is_reconciled()
    {
        var (box, _, b, _, extra) = await ClosedBoxWithEveryDiscrepancyAsync();

        var refused = new[]
        {
            await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 1, "destroyed", "why not")),
            await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 2, "lost", "count")),
            await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 3, "found")),
            await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 5, "received")),
        };
        Assert.All(refused, e => Assert.Equal("resolution-not-allowed", e.Code));
        Assert.Equal(5, (await app.SendAsync(new GetBox(box, null))).OpenDiscrepancies);

        await ResolveAsync(box, 1, "found");
        await ResolveAsync(box, 2, "acknowledged");
        await ResolveAsync(box, 3, "destroyed", "blank tube, no label");
        var almost = await ResolveAsync(box, 4, "received");
        var done = await ResolveAsync(box, 5, "acknowledged", "the site miscounted", "station:bench-2");

        Assert.Equal((false, 1), (almost.Reconciled, almost.OpenDiscrepancies));
        Assert.Equal((true, 0), (done.Reconciled, done.OpenDiscrepancies));
        Assert.Equal(
            [("found", null), ("acknowledged", null), ("destroyed", "blank tube, no label"), ("received", null), ("acknowledged", "the site miscounted")],
            done.Discrepancies.Select(d => (d.Resolution, d.Note)));
        Assert.Equal("station:bench-2", done.Discrepancies[4].ResolvedBy);
        // Found and received take the tube in now, with who did it in its history.
        foreach (var tube in new[] { b, extra })
        {
            var stored = await app.TubeAsync(tube);
            Assert.Equal(TubeStatus.Received, stored.Status);
            Assert.Equal((TubeStatus.Received, AppFlow.Bench), (stored.History[^1].To, stored.History[^1].Actor));
        }
    }

    [Fact]
    public async Task The_same_resolution_sent_again_is_harmless_and_another_one_is_a_conflict()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes);
        await app.ScanAsync(box, tubes[0]);
        await app.SendAsync(new CloseBox(box, AppFlow.Bench));

        var first = await ResolveAsync(box, 1, "lost", "not in the box");
        var retry = await app.AtAsync(app.Clock.Now.AddMinutes(5), () => ResolveAsync(box, 1, "lost", " not in the box ", "station:bench-2"));
        var other = await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 1, "found"));
        var otherNote = await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 1, "lost", "dropped by the courier"));

        var resolved = retry.Discrepancies[0];
        Assert.Equal(first.Discrepancies[0], resolved);
        Assert.Equal(("lost", "not in the box", app.Clock.Now, AppFlow.Bench), (resolved.Resolution, resolved.Note, resolved.ResolvedAt, resolved.ResolvedBy));
        Assert.All(new[] { other, otherNote }, e => Assert.Equal("discrepancy-resolved", e.Code));
        // Lost is recorded; the tube stays shipped. The count mismatch still waits.
        Assert.Equal(TubeStatus.Shipped, (await app.TubeAsync(tubes[1])).Status);
        Assert.Equal(1, (await app.SendAsync(new GetBox(box, null))).OpenDiscrepancies);
    }

    [Fact]
    public async Task A_resolution_is_refused_before_the_box_closes_without_its_note_or_for_a_discrepancy_it_does_not_have()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes);
        await app.ScanAsync(box, tubes[0]);

        var open = await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(box, 1, "lost", "gone"));
        await app.SendAsync(new CloseBox(box, AppFlow.Bench));
        var noNote = await Assert.ThrowsAsync<RequestValidationException>(() => ResolveAsync(box, 1, "lost", "  "));
        var unknown = await Assert.ThrowsAsync<RequestValidationException>(() => ResolveAsync(box, 1, "misplaced", "where"));
        var noSuch = await Assert.ThrowsAsync<NotFoundException>(() => ResolveAsync(box, 3, "acknowledged"));
        await Assert.ThrowsAsync<NotFoundException>(() => ResolveAsync(Barcodes.New("B"), 1, "acknowledged", null));

        Assert.Equal("box-not-closed", open.Code);
        Assert.Equal(["note"], noNote.Errors.Keys);
        Assert.Equal(["resolution"], unknown.Errors.Keys);
        Assert.Equal($"Box {box} has no discrepancy 3.", noSuch.Message);
        Assert.Equal(2, (await app.SendAsync(new GetBox(box, null))).OpenDiscrepancies);
    }

    [Fact]
    public async Task An_extra_tube_that_never_shipped_is_received_into_the_box_it_came_with_and_can_be_inactivated()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var box = await app.ShipAsync(hospital, tubes[0]);
        await app.ScanAsync(box, tubes[0]);
        var scan = await app.ScanAsync(box, tubes[1]);
        Assert.Equal(("extra", "registered"), (scan.Outcome, scan.TubeStatus));
        var extra = (await app.SendAsync(new CloseBox(box, AppFlow.Bench))).Discrepancies.Single(d => d.Kind == "extra").Number;

        var resolved = await app.AtAsync(app.Clock.Now.AddMinutes(3), () => ResolveAsync(box, extra, "received"));

        Assert.Equal("received", resolved.Discrepancies.Single(d => d.Number == extra).Resolution);
        Assert.Equal(new BoxCountView(Declared: 1, Matched: 1, Extra: 1, Unknown: 0, Duplicate: 0, Received: 2), resolved.Count);
        var tube = await app.TubeAsync(tubes[1]);
        Assert.Equal((TubeStatus.Received, app.Clock.Now.AddMinutes(3)), (tube.Status, tube.ReceivedAt));
        Assert.Equal((TubeStatus.Registered, TubeStatus.Received, AppFlow.Bench, $"box {box}, as an extra tube"),
            (tube.History[^1].From, tube.History[^1].To, tube.History[^1].Actor, tube.History[^1].Reason));
        var batch = await app.SendAsync(new StartInactivation(Barcodes.New("I"), "heat", "Block 1", null, [tubes[1]], AppFlow.Bench));
        Assert.Equal([tubes[1]], batch.Tubes);
        // Resolving it again the same way is harmless; another submitter's extra tube stays refused (see the domain tests).
        Assert.Equal(resolved.Count, (await ResolveAsync(box, extra, "received")).Count);
    }

    [Fact]
    public async Task Scans_without_a_scan_id_are_each_a_physical_scan_and_the_counter_keeps_the_exceptions_apart()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(3);
        var box = await app.ShipAsync(hospital, tubes);

        var first = await app.SendAsync(new ScanTube(box, null, tubes[0], AppFlow.Bench));
        var rescan = await app.SendAsync(new ScanTube(box, null, tubes[0], AppFlow.Bench));
        var unknown = await app.SendAsync(new ScanTube(box, null, "UNKNOWN-" + Barcodes.New(), AppFlow.Bench));
        var zero = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ScanTube(box, Guid.Empty, tubes[1], AppFlow.Bench)));

        Assert.Equal(["expected", "duplicate", "unknown"], new[] { first, rescan, unknown }.Select(r => r.Outcome));
        Assert.Equal(new BoxCountView(Declared: 3, Matched: 1, Extra: 0, Unknown: 1, Duplicate: 1, Received: 1), unknown.Count);
        Assert.Equal(["scanId"], zero.Errors.Keys);
        var view = await app.SendAsync(new GetBox(box, null));
        Assert.Equal(unknown.Count, view.Count);
        Assert.Equal(3, view.Scans.Select(s => s.ScanId).Distinct().Count());
        Assert.Single((await app.TubeAsync(tubes[0])).History, h => h.To == TubeStatus.Received);
    }

    [Fact]
    public async Task A_tube_is_rejected_at_receipt_for_one_of_the_fixed_reasons_and_other_needs_a_note()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(3);
        await app.ShipAsync(hospital, tubes);

        var leaking = await app.SendAsync(new RejectTube(tubes[0], "leaking", null, AppFlow.Bench));
        var other = await app.SendAsync(new RejectTube(tubes[1], "other", "swab missing", AppFlow.Bench));
        var noNote = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RejectTube(tubes[2], "other", null, AppFlow.Bench)));
        var unknownReason = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RejectTube(tubes[2], "smelly", null, AppFlow.Bench)));
        var twice = await Assert.ThrowsAsync<IllegalTransitionException>(() => app.SendAsync(new RejectTube(tubes[0], "leaking", null, AppFlow.Bench)));

        Assert.Equal(new RejectedTube(tubes[0], "rejected", "leaking", null), leaking);
        Assert.Equal(("rejected", "other"), (other.Status, other.Reason));
        Assert.Equal(["note"], noNote.Errors.Keys);
        Assert.Equal(["reason"], unknownReason.Errors.Keys);
        Assert.Contains("over-capacity", unknownReason.Errors["reason"][0], StringComparison.Ordinal);
        Assert.Equal("rejected", twice.From);
        var stored = await app.TubeAsync(tubes[1]);
        Assert.Equal((TubeStatus.Rejected, RejectionReason.Other, "other: swab missing"), (stored.Status, stored.Rejection, stored.History[^1].Reason));
        Assert.Equal(TubeStatus.Shipped, (await app.TubeAsync(tubes[2])).Status);
    }

    [Fact]
    public async Task A_tube_that_never_shipped_cannot_be_rejected_at_receipt()
    {
        var (_, tubes) = await app.RegisteredTubesAsync(1);

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => app.SendAsync(new RejectTube(tubes[0], "leaking", null, AppFlow.Bench)));

        Assert.Equal(("illegal-transition", "registered"), (refused.Code, refused.From));
        Assert.Equal(TubeStatus.Registered, (await app.TubeAsync(tubes[0])).Status);
    }

    private Task<BoxView> ResolveAsync(string box, int number, string resolution, string? note = null, string actor = AppFlow.Bench) =>
        app.SendAsync(new ResolveDiscrepancy(box, number, resolution, note, actor));

    /// <summary>
    /// A box declared with 4 tubes, packed with a and b, scanned a, a, an unknown barcode and an extra tube of the same
    /// submitter (shipped in another box), a minute apart, and closed: one discrepancy of every kind.
    /// </summary>
    private async Task<(string Box, string A, string B, string Unknown, string Extra)> ClosedBoxWithEveryDiscrepancyAsync()
    {
        var (hospital, tubes) = await app.RegisteredTubesAsync(3);
        var (a, b, extra) = (tubes[0], tubes[1], tubes[2]);
        var box = Barcodes.New("B");
        await app.SendAsync(new ShipBox(hospital, "api:test", box, 4, [a, b]));
        await app.ShipAsync(hospital, extra);
        var unknown = Barcodes.New("U");
        string[] scans = [a, a, unknown, extra];
        for (var i = 0; i < scans.Length; i++)
        {
            var tube = scans[i];
            await app.AtAsync(app.Clock.Now.AddMinutes(i - scans.Length), () => app.ScanAsync(box, tube));
        }
        await app.SendAsync(new CloseBox(box, AppFlow.Bench));
        return (box, a, b, unknown, extra);
    }
}

public sealed class SqliteReceivingTests(SqliteApp fixture) : ReceivingTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlReceivingTests(PostgreSqlApp fixture) : ReceivingTests(fixture.App), IClassFixture<PostgreSqlApp>;

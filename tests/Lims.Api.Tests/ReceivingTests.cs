using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Boxes: shipped by a submitter, scanned in by a lab station, closed with a reconciliation; tubes rejected at receipt.</summary>
public abstract class ReceivingTests(LimsApiFactory api)
{
    [Fact]
    public async Task Closing_a_box_lists_every_missing_extra_unknown_and_duplicate_barcode()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var (a, b, c, extra) = (NewBarcode(), NewBarcode(), NewBarcode(), NewBarcode());
        await hospital.SendAsync(Post(Batch(Tube(a), Tube(b), Tube(c), Tube(extra))));
        var box = NewBarcode("B");
        var shipped = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 3, tubes = new[] { a, b, c } });
        Assert.Equal(HttpStatusCode.Created, shipped.StatusCode);
        Assert.Equal("shipped", await StatusOf(hospital, a));

        var unknown = NewBarcode("U");
        var outcomes = new List<string>();
        foreach (var tube in new[] { a, b, unknown, a, extra })
            outcomes.Add((await (await Scan(lab, box, tube)).JsonAsync()).GetProperty("outcome").GetString()!);
        var closed = await (await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null)).JsonAsync();

        Assert.Equal(["expected", "expected", "unknown", "duplicate", "extra"], outcomes);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var discrepancies = closed.GetProperty("discrepancies").EnumerateArray()
            .Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("barcode").GetString())).ToList();
        Assert.Equal(
            new (string?, string?)[] { ("count-mismatch", null), ("duplicate", a), ("extra", extra), ("missing", c), ("unknown", unknown) }.Order(),
            discrepancies.Order());
        Assert.Equal("received", await StatusOf(hospital, a));
        Assert.Equal("received", await StatusOf(hospital, b));
        Assert.Equal("shipped", await StatusOf(hospital, c));
        Assert.Equal("registered", await StatusOf(hospital, extra));

        // The submitter sees what the lab found; the custody trail is in the tube's history.
        var seen = await (await hospital.GetAsync($"/api/v1/boxes/{box}")).JsonAsync();
        Assert.Equal(5, seen.GetProperty("discrepancies").GetArrayLength());
        var history = (await (await hospital.GetAsync($"/api/v1/tubes/{a}")).JsonAsync()).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["registered", "shipped", "received"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.Equal($"box {box}", history[1].GetProperty("reason").GetString());
        Assert.StartsWith("station:bench-", history[2].GetProperty("by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_box_is_closed_once_and_takes_no_scans_after()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null)).StatusCode);

        var again = await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null);
        var late = await Scan(lab, box, tubes[0]);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("box-closed", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("shipped", await StatusOf(hospital, tubes[0]));
    }

    [Fact]
    public async Task A_retried_scan_changes_nothing_and_a_reused_scan_id_is_refused()
    {
        var (_, lab, box, tubes) = await ShippedBoxAsync(2);
        var scanId = Guid.NewGuid();

        var first = await (await Scan(lab, box, tubes[0], scanId)).JsonAsync();
        var retry = await (await Scan(lab, box, tubes[0], scanId)).JsonAsync();
        var reused = await Scan(lab, box, tubes[1], scanId);

        Assert.Equal("expected", first.GetProperty("outcome").GetString());
        Assert.Equal("expected", retry.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        var view = await (await lab.GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        Assert.Equal(1, view.GetProperty("scans").GetArrayLength());
    }

    [Fact]
    public async Task Shipping_a_box_again_is_idempotent_and_other_contents_are_a_conflict()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var (a, b) = (NewBarcode(), NewBarcode());
        await hospital.SendAsync(Post(Batch(Tube(a), Tube(b))));
        var box = NewBarcode("B");

        var first = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 1, tubes = new[] { a } });
        var retry = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 1, tubes = new[] { a } });
        var other = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 1, tubes = new[] { b } });
        var reboxed = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = NewBarcode("B"), declaredCount = 1, tubes = new[] { a } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reboxed.StatusCode);
        Assert.Contains(a, (await reboxed.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("registered", await StatusOf(hospital, b));
    }

    [Fact]
    public async Task A_box_of_tubes_that_are_not_the_submitters_is_refused_and_writes_nothing()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var other = await api.ClientForNewSubmitterAsync();
        var (mine, theirs) = (NewBarcode(), NewBarcode());
        await hospital.SendAsync(Post(Batch(Tube(mine))));
        await other.SendAsync(Post(Batch(Tube(theirs))));
        var box = NewBarcode("B");

        var response = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 3, tubes = new[] { mine, theirs, "NOSUCHTUBE" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(theirs, body, StringComparison.Ordinal);
        Assert.Contains("NOSUCHTUBE", body, StringComparison.Ordinal);
        Assert.Equal("registered", await StatusOf(hospital, mine));
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/v1/boxes/{box}")).StatusCode);
    }

    [Fact]
    public async Task A_tube_rejected_at_receipt_shows_the_reason_to_its_submitter()
    {
        var (hospital, lab, _, tubes) = await ShippedBoxAsync(3);

        var leaking = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[0]}/rejection", new { reason = "leaking" });
        var other = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[1]}/rejection", new { reason = "other", note = "swab missing" });
        var noNote = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[2]}/rejection", new { reason = "other" });
        var unknownReason = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[2]}/rejection", new { reason = "smelly" });
        var twice = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[0]}/rejection", new { reason = "leaking" });

        Assert.Equal(HttpStatusCode.OK, leaking.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var seen = await (await hospital.GetAsync($"/api/v1/tubes/{tubes[1]}")).JsonAsync();
        Assert.Equal("rejected", seen.GetProperty("status").GetString());
        Assert.Equal("other", seen.GetProperty("rejection").GetString());
        Assert.Equal("other: swab missing", seen.GetProperty("history")[2].GetProperty("reason").GetString());
        Assert.Equal("shipped", await StatusOf(hospital, tubes[2]));
    }

    [Fact]
    public async Task A_registered_tube_that_never_shipped_cannot_be_rejected_at_receipt()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tube = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(tube))));

        var response = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tube}/rejection", new { reason = "leaking" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("illegal-transition", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submitter_and_lab_keys_open_only_their_own_endpoints()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(1);
        var stranger = await api.ClientForNewSubmitterAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await Scan(hospital, box, tubes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lab.GetAsync($"/api/v1/tubes/{tubes[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lab.SendAsync(Post(Batch(Tube(NewBarcode()))))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/v1/lab/boxes/{box}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/boxes/{box}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"/api/v1/lab/boxes/{NewBarcode("B")}")).StatusCode);
        var forbidden = await Scan(hospital, box, tubes[0]);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Resolving_every_discrepancy_reconciles_the_box_and_the_submitter_sees_the_resolutions()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var (a, b, extra, unknown) = (NewBarcode(), NewBarcode(), NewBarcode(), NewBarcode("U"));
        await hospital.SendAsync(Post(Batch(Tube(a), Tube(b), Tube(extra))));
        var box = NewBarcode("B");
        await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 4, tubes = new[] { a, b } });
        // The extra tube was packed in another box of the same submitter and turned up in this one.
        await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = NewBarcode("B"), declaredCount = 1, tubes = new[] { extra } });
        foreach (var tube in new[] { a, a, unknown, extra })
        {
            // A second apart: the discrepancies of scans are listed (and numbered) in scan order.
            api.Clock.Now = api.Clock.Now.AddSeconds(1);
            await Scan(lab, box, tube);
        }
        var closed = await (await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null)).JsonAsync();

        Assert.Equal(
            [(1, "missing", b), (2, "duplicate", a), (3, "unknown", unknown), (4, "extra", extra), (5, "count-mismatch", null)],
            closed.GetProperty("discrepancies").EnumerateArray()
                .Select(d => (d.GetProperty("number").GetInt32(), d.GetProperty("kind").GetString(), d.GetProperty("barcode").GetString())));
        Assert.All(closed.GetProperty("discrepancies").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("resolution").ValueKind));
        Assert.False(closed.GetProperty("reconciled").GetBoolean());
        Assert.Equal(5, closed.GetProperty("openDiscrepancies").GetInt32());

        var answers = new List<HttpResponseMessage>
        {
            await Resolve(lab, box, 1, "found"),
            await Resolve(lab, box, 2, "acknowledged"),
            await Resolve(lab, box, 3, "destroyed", "blank tube, no label"),
            await Resolve(lab, box, 4, "received"),
        };
        var last = await Resolve(lab, box, 5, "acknowledged", "the site miscounted");

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var view = await last.JsonAsync();
        Assert.True(view.GetProperty("reconciled").GetBoolean());
        Assert.Equal(0, view.GetProperty("openDiscrepancies").GetInt32());
        Assert.Equal(1, (await answers[3].JsonAsync()).GetProperty("openDiscrepancies").GetInt32());
        Assert.Equal("received", await StatusOf(hospital, b));
        Assert.Equal("received", await StatusOf(hospital, extra));
        var found = (await (await hospital.GetAsync($"/api/v1/tubes/{b}")).JsonAsync()).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("received", found.GetProperty("to").GetString());
        Assert.StartsWith("station:bench-", found.GetProperty("by").GetString(), StringComparison.Ordinal);

        var seen = await (await hospital.GetAsync($"/api/v1/boxes/{box}")).JsonAsync();
        Assert.True(seen.GetProperty("reconciled").GetBoolean());
        Assert.Equal([1, 2, 3, 4, 5], seen.GetProperty("discrepancies").EnumerateArray().Select(d => d.GetProperty("number").GetInt32()));
        Assert.Equal(
            [("found", null), ("acknowledged", null), ("destroyed", "blank tube, no label"), ("received", null), ("acknowledged", "the site miscounted")],
            seen.GetProperty("discrepancies").EnumerateArray().Select(d => (d.GetProperty("resolution").GetString(), d.GetProperty("note").GetString())));
        Assert.All(seen.GetProperty("discrepancies").EnumerateArray(), d =>
        {
            Assert.StartsWith("station:bench-", d.GetProperty("resolvedBy").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.String, d.GetProperty("resolvedAt").ValueKind);
        });
    }

    [Fact]
    public async Task A_resolution_is_given_once_and_the_identical_one_sent_again_answers_the_first()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(2);
        await Scan(lab, box, tubes[0]);
        await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null);

        var first = await (await Resolve(lab, box, 1, "lost", "not in the box")).JsonAsync();
        var retry = await Resolve(lab, box, 1, "lost", "not in the box");
        var other = await Resolve(lab, box, 1, "found");
        var otherNote = await Resolve(lab, box, 1, "lost", "dropped by the courier");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = (await retry.JsonAsync()).GetProperty("discrepancies")[0];
        Assert.Equal(first.GetProperty("discrepancies")[0].GetProperty("resolvedAt").GetDateTimeOffset(), again.GetProperty("resolvedAt").GetDateTimeOffset());
        foreach (var refused in new[] { other, otherNote })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("discrepancy-resolved", (await refused.JsonAsync()).GetProperty("code").GetString());
        }
        // Lost is recorded; the tube stays shipped.
        Assert.Equal("shipped", await StatusOf(hospital, tubes[1]));
        var view = await (await lab.GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        Assert.Equal("lost", view.GetProperty("discrepancies")[0].GetProperty("resolution").GetString());
        Assert.Equal("not in the box", view.GetProperty("discrepancies")[0].GetProperty("note").GetString());
        Assert.Equal(1, view.GetProperty("openDiscrepancies").GetInt32());
    }

    [Fact]
    public async Task Resolution_errors_are_problem_details_and_change_nothing()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(2);
        await Scan(lab, box, tubes[0]);
        var notClosed = await Resolve(lab, box, 1, "acknowledged");
        await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null);

        var cases = new (HttpResponseMessage Response, HttpStatusCode Status, string? Code)[]
        {
            (notClosed, HttpStatusCode.Conflict, "box-not-closed"),
            (await Resolve(lab, NewBarcode("B"), 1, "acknowledged"), HttpStatusCode.NotFound, null),
            (await Resolve(lab, box, 3, "acknowledged"), HttpStatusCode.NotFound, null),
            (await Resolve(lab, box, 1, "destroyed", "why not"), HttpStatusCode.Conflict, "resolution-not-allowed"),
            (await Resolve(lab, box, 2, "lost", "count"), HttpStatusCode.Conflict, "resolution-not-allowed"),
            (await Resolve(lab, box, 1, "lost"), HttpStatusCode.BadRequest, null),
            (await Resolve(lab, box, 1, "lost", "  "), HttpStatusCode.BadRequest, null),
            (await Resolve(lab, box, 1, "misplaced", "where"), HttpStatusCode.BadRequest, null),
            (await Resolve(hospital, box, 1, "found"), HttpStatusCode.Forbidden, null),
        };

        foreach (var (response, status, code) in cases)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (code is not null) Assert.Equal(code, (await response.JsonAsync()).GetProperty("code").GetString());
        }
        var badRequest = await (await Resolve(lab, box, 1, "lost")).JsonAsync();
        Assert.True(badRequest.GetProperty("errors").TryGetProperty("note", out _));
        var view = await (await lab.GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        Assert.Equal(2, view.GetProperty("openDiscrepancies").GetInt32());
        Assert.Equal("shipped", await StatusOf(hospital, tubes[1]));
    }

    [Fact]
    public async Task An_extra_tube_that_was_never_shipped_is_received_into_the_box_being_scanned_and_can_be_inactivated()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(1);
        var stray = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(stray))));
        await Scan(lab, box, tubes[0]);
        var scanned = await (await Scan(lab, box, stray)).JsonAsync();
        Assert.Equal(("extra", "registered"), (scanned.GetProperty("outcome").GetString(), scanned.GetProperty("tubeStatus").GetString()));
        var closed = await (await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null)).JsonAsync();
        var extra = closed.GetProperty("discrepancies").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "extra").GetProperty("number").GetInt32();

        var received = await Resolve(lab, box, extra, "received");

        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        var view = await received.JsonAsync();
        Assert.Equal("received", view.GetProperty("discrepancies").EnumerateArray().Single(d => d.GetProperty("number").GetInt32() == extra).GetProperty("resolution").GetString());
        Assert.Equal(Count(declared: 1, matched: 1, extra: 1, unknown: 0, duplicate: 0, received: 2), Counted(view.GetProperty("count")));
        // In the custody of the box it came with, as the submitter sees it; and on to inactivation like any received tube.
        var history = (await (await hospital.GetAsync($"/api/v1/tubes/{stray}")).JsonAsync()).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(("registered", "received", $"box {box}, as an extra tube"),
            (history[^1].GetProperty("from").GetString(), history[^1].GetProperty("to").GetString(), history[^1].GetProperty("reason").GetString()));
        var code = NewBarcode("I");
        Assert.Equal(HttpStatusCode.Created, (await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes = new[] { stray } })).StatusCode);
        await api.Clock.AfterAsync(TimeSpan.FromMinutes(31), async () =>
            Assert.Equal(HttpStatusCode.OK, (await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { })).StatusCode));
        Assert.Equal("inactivated", await StatusOf(hospital, stray));
    }

    [Fact]
    public async Task The_counter_shows_matched_of_declared_and_the_exceptions_apart_in_the_scan_answer_and_the_box()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(3);
        var other = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(other))));

        var answers = new List<JsonElement>();
        foreach (var tube in new[] { tubes[0], tubes[1], NewBarcode("U"), other, tubes[1] })
            answers.Add(await (await Scan(lab, box, tube)).JsonAsync());

        // Five scans of four barcodes with one packed tube missing: 2 of 3 matched, the rest apart.
        Assert.Equal(
            [Count(3, 1, 0, 0, 0, 1), Count(3, 2, 0, 0, 0, 2), Count(3, 2, 0, 1, 0, 2), Count(3, 2, 1, 1, 0, 2), Count(3, 2, 1, 1, 1, 2)],
            answers.Select(a => Counted(a.GetProperty("count"))));
        Assert.False(answers[0].TryGetProperty("scanned", out _));
        var seenByLab = await (await lab.GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        var own = await (await hospital.GetAsync($"/api/v1/boxes/{box}")).JsonAsync();
        Assert.Equal(Count(3, 2, 1, 1, 1, 2), Counted(seenByLab.GetProperty("count")));
        Assert.Equal(Count(3, 2, 1, 1, 1, 2), Counted(own.GetProperty("count")));
    }

    [Fact]
    public async Task Without_a_scan_id_every_scan_is_one_physical_scan_and_with_one_a_retry_changes_nothing()
    {
        var (_, lab, box, tubes) = await ShippedBoxAsync(2);
        var scanId = Guid.NewGuid();

        var first = await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube = tubes[0] });
        var rescan = await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube = tubes[0] });
        var withId = await (await Scan(lab, box, tubes[1], scanId)).JsonAsync();
        var retried = await (await Scan(lab, box, tubes[1], scanId)).JsonAsync();
        var zero = await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube = tubes[1], scanId = Guid.Empty });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("expected", (await first.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, rescan.StatusCode);
        Assert.Equal("duplicate", (await rescan.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(("expected", "expected"), (withId.GetProperty("outcome").GetString(), retried.GetProperty("outcome").GetString()));
        Assert.Equal(Count(2, 2, 0, 0, 1, 2), Counted(retried.GetProperty("count")));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(["scanId"], (await zero.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var view = await (await lab.GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        Assert.Equal(3, view.GetProperty("scans").GetArrayLength());
    }

    private static (int, int, int, int, int, int) Count(int declared, int matched, int extra, int unknown, int duplicate, int received) =>
        (declared, matched, extra, unknown, duplicate, received);

    private static (int, int, int, int, int, int) Counted(JsonElement count) =>
        (count.GetProperty("declared").GetInt32(), count.GetProperty("matched").GetInt32(), count.GetProperty("extra").GetInt32(),
         count.GetProperty("unknown").GetInt32(), count.GetProperty("duplicate").GetInt32(), count.GetProperty("received").GetInt32());

    private async Task<(HttpClient Hospital, HttpClient Lab, string Box, string[] Tubes)> ShippedBoxAsync(int count)
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = Enumerable.Range(0, count).Select(_ => NewBarcode()).ToArray();
        await hospital.SendAsync(Post(Batch([.. tubes.Select(t => (object)Tube(t))])));
        var box = NewBarcode("B");
        var shipped = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = count, tubes });
        Assert.Equal(HttpStatusCode.Created, shipped.StatusCode);
        return (hospital, lab, box, tubes);
    }

    private static Task<HttpResponseMessage> Scan(HttpClient client, string box, string tube, Guid? scanId = null) =>
        client.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = scanId ?? Guid.NewGuid() });

    private static Task<HttpResponseMessage> Resolve(HttpClient client, string box, int number, string resolution, string? note = null) =>
        client.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/discrepancies/{number}/resolution", new { resolution, note });

    private static async Task<string?> StatusOf(HttpClient client, string tube) =>
        (await (await client.GetAsync($"/api/v1/tubes/{tube}")).JsonAsync()).GetProperty("status").GetString();
}

public sealed class SqliteReceivingTests(SqliteApi fixture) : ReceivingTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlReceivingTests(PostgreSqlApi fixture) : ReceivingTests(fixture.Api), IClassFixture<PostgreSqlApi>;

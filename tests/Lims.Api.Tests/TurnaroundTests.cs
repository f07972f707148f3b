using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>GET /api/v1/dashboard/tat: stage percentiles, overdue tubes and positivity, from tubes driven through the lab at known times.</summary>
public abstract class TurnaroundTests(LimsApiFactory api)
{
    // Every tube of the first test is collected at C (or near it); the window is [C, C + 12 h).
    private static readonly DateTimeOffset C = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One tube's way, in minutes after C; null: the tube stops before that step.</summary>
    private sealed record Way(string Priority, string Site, int Capacity, int Members, int? Received, int? Inactivated = null,
        int? Plated = null, int? Run = null, double?[]? Call = null, int? Reviewed = null, int? Released = null);

    [Fact]
    public async Task Stage_percentiles_overdue_tubes_and_positivity_follow_the_times_of_each_step()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var ways = new Dictionary<string, Way>
        {
            ["A"] = new("screening", "Site 1", 10, 5, 60, 90, 120, 240, RunFiles.Negative, 300, 310),
            ["B"] = new("screening", "Site 1", 5, 3, 120, 150, 200, 330, RunFiles.Positive, 400, 420),
            ["C"] = new("screening", "Site 1", 1, 1, 180, 240, 300, 480, RunFiles.Negative, 600, 1500), // released after its 24 h
            ["D"] = new("emergency", "Site 2", 1, 1, 30, 60, 70, 150, RunFiles.Positive, 160, 400),    // released after its 6 h
            ["E"] = new("routine", "Site 1", 10, 4, 45, 75, 90, 200, RunFiles.Negative),               // interpreted, open past 12 h
            ["F"] = new("screening", "Site 1", 1, 1, 100),                                             // received, open past 24 h
            ["H"] = new("screening", "Site 1", 1, 1, null),                                            // shipped, then rejected
        };
        var barcodes = ways.Keys.ToDictionary(k => k, _ => NewBarcode());
        var person = 500;
        var plates = new Dictionary<string, string>();

        // Registered 5 min after collection, with X collected 1 min before the window (not counted).
        var x = NewBarcode();
        api.Clock.Now = C.AddMinutes(5);
        var batch = ways.Select(w =>
            {
                var tube = Tube(barcodes[w.Key], w.Value.Members, w.Value.Capacity, w.Value.Capacity == 1 ? "single" : "pooled", C, w.Value.Priority, firstPerson: person += 10);
                tube["site"] = w.Value.Site;
                return (object)tube;
            })
            .Append(Tube(x, 1, 1, "single", C.AddMinutes(-1), "emergency", firstPerson: person += 10))
            .ToArray();
        Assert.Equal(8, (await (await hospital.SendAsync(Post(Batch(batch)))).JsonAsync()).GetProperty("accepted").GetInt32());

        // Each tube in its own box, inactivation batch and plate, so each step happens at its own time.
        api.Clock.Now = C.AddMinutes(10);
        foreach (var (key, _) in ways)
            Assert.Equal(HttpStatusCode.Created, (await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = "B" + barcodes[key], declaredCount = 1, tubes = new[] { barcodes[key] } })).StatusCode);
        api.Clock.Now = C.AddMinutes(20);
        Assert.Equal(HttpStatusCode.OK, (await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{barcodes["H"]}/rejection", new { reason = "leaking" })).StatusCode);

        var steps = ways.SelectMany(w => new (int? At, Func<Task> Do)[]
        {
            (w.Value.Received, () => Ok(lab.PostAsJsonAsync($"/api/v1/lab/boxes/B{barcodes[w.Key]}/scans", new { tube = barcodes[w.Key], scanId = Guid.NewGuid() }))),
            (w.Value.Inactivated - 30, () => Created(lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code = "I" + barcodes[w.Key], equipment = "Block 1", tubes = new[] { barcodes[w.Key] } }))),
            (w.Value.Inactivated, () => Ok(lab.PostAsJsonAsync($"/api/v1/lab/inactivations/I{barcodes[w.Key]}/complete", new { }))),
            (w.Value.Plated, async () => plates[w.Key] = await LabFlow.SealedPlateAsync(lab, [barcodes[w.Key]])),
            (w.Value.Run, () => Created(lab.SendAsync(RunFiles.Upload(plates[w.Key], RunFiles.Csv(plates[w.Key], [barcodes[w.Key]], [w.Value.Call!], RunFiles.Negative))))),
            (w.Value.Reviewed, () => api.ReviewAndReleaseAsync(barcodes[w.Key], C.AddMinutes(w.Value.Reviewed!.Value), C.AddMinutes(w.Value.Released!.Value))),
        }).Where(s => s.At is not null).OrderBy(s => s.At);
        foreach (var (at, step) in steps)
        {
            api.Clock.Now = C.AddMinutes(at!.Value);
            await step();
        }

        // G collected at C + 10 h (in the window, not yet due); Y at C + 12 h, the window's end (not counted).
        api.Clock.Now = C.AddHours(12);
        var (g, y) = (NewBarcode(), NewBarcode());
        Assert.Equal(2, (await (await hospital.SendAsync(Post(Batch(
            Tube(g, 1, 1, "single", C.AddHours(10), "screening", firstPerson: person += 10),
            Tube(y, 1, 1, "single", C.AddHours(12), "routine", firstPerson: person += 10))))).JsonAsync()).GetProperty("accepted").GetInt32());

        api.Clock.Now = C.AddHours(26);
        var response = await lab.GetAsync("/api/v1/dashboard/tat?from=2026-11-20T00:00:00Z&to=2026-11-20T12:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(["from", "to", "asOf", "tubes", "stages", "overdue", "positivity"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(C, json.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(C.AddHours(12), json.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(C.AddHours(26), json.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal(8, json.GetProperty("tubes").GetInt32()); // A–H, not X or Y

        // Minutes: count p50 p90 p95 p99 (nearest rank) over every priority.
        Assert.Equal(
        [
            "collected-received 6 60 180 180 180",       // 30 45 60 100 120 180
            "received-inactivated 5 30 60 60 60",        // 30 30 30 30 60
            "inactivated-plated 5 30 60 60 60",          // 10 15 30 50 60
            "plated-amplified 5 120 180 180 180",        // 80 110 120 130 180
            "amplified-interpreted 5 0 0 0 0",           // the import amplifies and interprets at once
            "interpreted-reviewed 4 60 120 120 120",     // 10 60 70 120
            "reviewed-released 4 20 900 900 900",        // 10 20 240 900
            "collected-released 4 400 1500 1500 1500",   // 310 400 420 1500
        ], json.GetProperty("stages").EnumerateArray().Select(s => $"{s.GetProperty("stage").GetString()} {Minutes(s.GetProperty("all"))}"));
        var tat = json.GetProperty("stages")[7].GetProperty("byPriority");
        Assert.Equal(["emergency", "routine", "screening"], tat.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1 400 400 400 400", Minutes(tat.GetProperty("emergency")));
        Assert.Equal("0 - - - -", Minutes(tat.GetProperty("routine")));
        Assert.Equal("3 420 1500 1500 1500", Minutes(tat.GetProperty("screening"))); // 310 420 1500
        Assert.Equal("4 100 180 180 180", Minutes(json.GetProperty("stages")[0].GetProperty("byPriority").GetProperty("screening"))); // 60 100 120 180
        Assert.Equal(JsonValueKind.Null, tat.GetProperty("routine").GetProperty("p50").ValueKind);

        // Released late: C (screening) and D (emergency). Open past due: E (routine) and F (screening); G is open, not yet
        // due; H is rejected, never to be released.
        var overdue = json.GetProperty("overdue");
        Assert.Equal("4 2 3 2", Counts(overdue.GetProperty("all")));
        Assert.Equal("1 1 0 0", Counts(overdue.GetProperty("byPriority").GetProperty("emergency")));
        Assert.Equal("0 0 1 1", Counts(overdue.GetProperty("byPriority").GetProperty("routine")));
        Assert.Equal("3 1 2 1", Counts(overdue.GetProperty("byPriority").GetProperty("screening")));

        // Tubes with a positive or negative call, per site and day of collection: Site 1 has A, C, E negative and B
        // positive (5 + 1 + 4 + 3 people); Site 2 has D positive.
        Assert.Equal(
            ["Site 1 2026-11-20 4 1 0.25 13 3", "Site 2 2026-11-20 1 1 1 1 1"],
            json.GetProperty("positivity").EnumerateArray().Select(p => string.Join(' ',
                p.GetProperty("site").GetString(), p.GetProperty("day").GetString(), p.GetProperty("tubes").GetInt32(), p.GetProperty("positive").GetInt32(),
                p.GetProperty("rate").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.GetProperty("people").GetInt32(), p.GetProperty("peopleInPositiveTubes").GetInt32())));

        // The same window written with an offset, its '+' unescaped (it arrives as a space), gives the same answer.
        var same = await (await lab.GetAsync("/api/v1/dashboard/tat?from=2026-11-20T08:00:00+08:00&to=2026-11-20T20:00:00+08:00")).JsonAsync();
        Assert.Equal(json.GetProperty("stages").GetRawText(), same.GetProperty("stages").GetRawText());
        Assert.Equal(C, same.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task Positivity_is_per_pool_and_per_person_with_the_tubes_a_recall_ordered_apart()
    {
        api.Clock.Now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var site = "Recall site " + Guid.NewGuid().ToString("N")[..6];
        var firstPerson = Random.Shared.Next(3_000_000, 4_000_000);
        // Four pools of three people; the first is positive and its three people are recalled.
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(4, site: site, firstPerson: firstPerson);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate,
            RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative, RunFiles.Negative, RunFiles.Negative], RunFiles.Negative)))).StatusCode);
        var orders = await api.WithDbAsync(async db => (await db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Lims.Domain.Tubes.Barcode.Create(pools[0])))
            .Members.OrderBy(m => m.Position).Select(m => m.OrderBarcode.Value).ToArray());
        // Each member's single tube, under the barcode ordered for them, with their own identity; one of them is positive.
        await api.InactivatedTubesAsync(3, orders, kind: "single", hospital: hospital, site: site, firstPerson: firstPerson);
        var recallPlate = await LabFlow.SealedPlateAsync(lab, orders);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(recallPlate,
            RunFiles.Csv(recallPlate, orders, [RunFiles.Negative, RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)))).StatusCode);

        var json = await (await lab.GetAsync("/api/v1/dashboard/tat?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z")).JsonAsync();

        var line = json.GetProperty("positivity").EnumerateArray().Single(p => p.GetProperty("site").GetString() == site);
        // 1 of 4 pools (25 %), not 2 of 7 tubes; the three recall tubes apart.
        Assert.Equal((4, 1, 0.25, 12, 3), (line.GetProperty("tubes").GetInt32(), line.GetProperty("positive").GetInt32(), line.GetProperty("rate").GetDouble(),
            line.GetProperty("people").GetInt32(), line.GetProperty("peopleInPositiveTubes").GetInt32()));
        var pooled = line.GetProperty("pools");
        Assert.Equal((4, 1, 0.25), (pooled.GetProperty("tubes").GetInt32(), pooled.GetProperty("positive").GetInt32(), pooled.GetProperty("rate").GetDouble()));
        var recall = line.GetProperty("recall");
        Assert.Equal((3, 1), (recall.GetProperty("tubes").GetInt32(), recall.GetProperty("positive").GetInt32()));
        Assert.Equal(1.0 / 3, recall.GetProperty("rate").GetDouble(), 1e-12);
        // Everyone once, where their own result comes from: nine in negative pools, three through their recall tubes; one positive.
        var persons = line.GetProperty("persons");
        Assert.Equal((12, 1, 3), (persons.GetProperty("tested").GetInt32(), persons.GetProperty("positive").GetInt32(), persons.GetProperty("inPositivePools").GetInt32()));
        Assert.Equal(1.0 / 12, persons.GetProperty("rate").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task The_window_defaults_to_the_last_24_hours_and_a_bad_window_is_refused_with_the_field()
    {
        var lab = await api.LabClientAsync();
        api.Clock.Now = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

        var json = await (await lab.GetAsync("/api/v1/dashboard/tat")).JsonAsync();
        Assert.Equal(api.Clock.Now.AddHours(-24), json.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(api.Clock.Now, json.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(0, json.GetProperty("tubes").GetInt32());
        Assert.Equal("0 - - - -", Minutes(json.GetProperty("stages")[7].GetProperty("all")));
        Assert.Empty(json.GetProperty("positivity").EnumerateArray());
        var onlyTo = await (await lab.GetAsync("/api/v1/dashboard/tat?to=2026-11-30T00:00:00Z")).JsonAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), onlyTo.GetProperty("from").GetDateTimeOffset());

        await Refused("?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "from");
        await Refused("?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:01Z", "to");
        await Refused("?from=2026-10-01T00:00:00Z", "to"); // to is now: 61 days
        await Refused("?from=2026-11-20", "from");
        await Refused("?from=2026-11-20T00:00:00", "from"); // no offset: whose midnight?
        await Refused("?to=yesterday", "to");
        Assert.Equal(HttpStatusCode.OK, (await lab.GetAsync("/api/v1/dashboard/tat?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z")).StatusCode);

        var hospital = await api.ClientForNewSubmitterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/api/v1/dashboard/tat")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/v1/dashboard/tat")).StatusCode);

        async Task Refused(string query, string field)
        {
            var response = await lab.GetAsync("/api/v1/dashboard/tat" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        }
    }

    private static string Minutes(JsonElement summary) => string.Join(' ',
        new[] { "count", "p50", "p90", "p95", "p99" }.Select(p => summary.GetProperty(p) is { ValueKind: JsonValueKind.Number } v
            ? (p == "count" ? v.GetInt64() : v.GetInt64() / 60.0).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "-"));

    private static string Counts(JsonElement counts) =>
        $"{counts.GetProperty("released").GetInt32()} {counts.GetProperty("releasedLate").GetInt32()} {counts.GetProperty("open").GetInt32()} {counts.GetProperty("openPastDue").GetInt32()}";

    private static async Task Ok(Task<HttpResponseMessage> request) => Assert.Equal(HttpStatusCode.OK, (await request).StatusCode);

    private static async Task Created(Task<HttpResponseMessage> request) => Assert.Equal(HttpStatusCode.Created, (await request).StatusCode);
}

public sealed class SqliteTurnaroundTests(SqliteApi fixture) : TurnaroundTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlTurnaroundTests(PostgreSqlApi fixture) : TurnaroundTests(fixture.Api), IClassFixture<PostgreSqlApi>;

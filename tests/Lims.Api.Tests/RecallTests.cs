using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>A positive collection pool opens a recall case; the single tubes ordered for its members close it.</summary>
public abstract class RecallTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_positive_pool_is_recalled_once_approved_and_the_case_closes_with_every_members_own_released_result()
    {
        var person = Random.Shared.Next(1, 900_000);
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(2, firstPerson: person);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        var import = await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);

        // Prepared at import for the positive pool only (orders issued, fast), but not shown to the hospital: it would
        // reveal a call nobody has signed.
        var prepared = Assert.Single((await (await lab.GetAsync("/api/v1/lab/recalls")).JsonAsync()).EnumerateArray(), c => c.GetProperty("pool").GetString() == pools[0]);
        Assert.Equal(JsonValueKind.Null, prepared.GetProperty("visibleAt").ValueKind);
        Assert.Empty((await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        var id = prepared.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/v1/recalls/{id}")).StatusCode);

        // Approved (its two seniors) three hours later: shown, due twelve hours from then.
        var approvedAt = api.Clock.Now.AddHours(3);
        await At(approvedAt, () => api.ApproveAsync(plate));
        var recall = Assert.Single((await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        Assert.Equal((pools[0], "open", 3), (recall.GetProperty("pool").GetString(), recall.GetProperty("status").GetString(), recall.GetProperty("outstanding").GetInt32()));
        Assert.Equal((approvedAt, approvedAt.AddHours(12)), (recall.GetProperty("visibleAt").GetDateTimeOffset(), recall.GetProperty("dueAt").GetDateTimeOffset()));
        var orders = recall.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("orderBarcode").GetString()!).ToArray();
        Assert.All(orders, o => Assert.StartsWith("RC", o, StringComparison.Ordinal));
        Assert.Equal(3, orders.Distinct().Count());
        // The three are the whole of a range issued from the database for the recall prefix, in order.
        var numbers = orders.Select(o => BarcodeRange.TryParse(o, out var prefix, out var n, out _) && prefix == "RC" ? n : -1).ToArray();
        var issued = await api.WithDbAsync(db => db.BarcodeAllocations.AsNoTracking().SingleAsync(a => a.Prefix == "RC" && a.First == numbers[0]));
        Assert.Equal([issued.First, issued.First + 1, issued.First + 2], numbers);
        Assert.Equal(3, issued.Count);
        Assert.All(recall.GetProperty("members").EnumerateArray(), m => Assert.Contains("*", m.GetProperty("idNumber").GetString()));

        // Opening again (the sweeping job) finds nothing more to open.
        Assert.Empty(await api.SendAsync(s => s.Send(new OpenRecallCases(null, "test")).AsTask()));

        // The hospital collects a single tube per member, each person's with the barcode ordered for them; the lab runs them.
        await api.InactivatedTubesAsync(3, orders, kind: "single", hospital: hospital, firstPerson: person);
        var second = await LabFlow.SealedPlateAsync(lab, orders[..2]);
        await lab.SendAsync(RunFiles.Upload(second, RunFiles.Csv(second, orders[..2], [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)));
        // Called but not released: the case shows no result yet.
        Assert.All((await (await hospital.GetAsync($"/api/v1/recalls/{id}")).JsonAsync()).GetProperty("members").EnumerateArray(),
            m => Assert.Equal(JsonValueKind.Null, m.GetProperty("result").ValueKind));
        await api.ApproveAndReleaseAsync(second);
        var third = await LabFlow.SealedPlateAsync(lab, orders[2..]);
        // An inconclusive result is not final: the member stays outstanding.
        await lab.SendAsync(RunFiles.Upload(third, RunFiles.Csv(third, orders[2..], [RunFiles.OneTarget], RunFiles.Negative)));
        var partly = await (await lab.GetAsync($"/api/v1/lab/recalls/{id}")).JsonAsync();
        Assert.Equal(("open", 1), (partly.GetProperty("status").GetString(), partly.GetProperty("outstanding").GetInt32()));
        Assert.Equal(["positive", "negative", null], partly.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("result").GetString()));

        var retest = await LabFlow.SealedPlateAsync(lab, orders[2..]);
        await lab.SendAsync(RunFiles.Upload(retest, RunFiles.Csv(retest, orders[2..], [RunFiles.Negative], RunFiles.Negative)));
        await api.ApproveAndReleaseAsync(retest);

        var closed = await (await hospital.GetAsync($"/api/v1/recalls/{id}")).JsonAsync();
        Assert.Equal(("closed", 0), (closed.GetProperty("status").GetString(), closed.GetProperty("outstanding").GetInt32()));
        Assert.Equal(orders[2], closed.GetProperty("members")[2].GetProperty("resultTube").GetString());
        Assert.Equal(JsonValueKind.String, closed.GetProperty("closedAt").ValueKind);
    }

    [Fact]
    public async Task An_ordered_barcode_registered_with_another_person_is_refused_on_members_so_a_case_never_closes_with_a_member_untested()
    {
        var person = Random.Shared.Next(1, 900_000);
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(1, firstPerson: person);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive], RunFiles.Negative)));
        await api.ApproveAsync(plate);
        var recall = (await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync())[0];
        var orders = recall.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("orderBarcode").GetString()!).ToArray();

        // Member 2's barcode with member 3's identity; member 3's own tube beside it is fine.
        var answer = await hospital.SendAsync(Post(Batch(
            Tube(orders[1], members: 1, capacity: 1, kind: "single", firstPerson: person + 2),
            Tube(orders[2], members: 1, capacity: 1, kind: "single", firstPerson: person + 2))));

        var receipt = await answer.JsonAsync();
        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(receipt.GetProperty("rejected").EnumerateArray());
        Assert.Equal((0, orders[1]), (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("barcode").GetString()));
        var error = Assert.Single(rejected.GetProperty("errors").EnumerateArray());
        Assert.Equal("members", error.GetProperty("field").GetString());
        Assert.Contains("member 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/v1/tubes/{orders[1]}")).StatusCode);
    }

    [Fact]
    public async Task A_case_withdrawn_before_it_was_shown_is_never_shown_and_one_withdrawn_after_is_shown_withdrawn_with_why()
    {
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(2);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Positive], RunFiles.Negative)));
        var reviewer = await api.StaffClientAsync("reviewer");
        // Overridden before anyone approved it: the first pool's case goes without the hospital ever seeing it.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override",
            new { tube = pools[0], call = "negative", reason = "flat curves", password = reviewer.Password })).StatusCode);
        await api.ApproveAsync(plate);
        var shown = Assert.Single((await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        Assert.Equal(pools[1], shown.GetProperty("pool").GetString());

        // The second pool, approved and shown, is sent back to retest before release: shown withdrawn, with why.
        var senior = await api.StaffClientAsync("senior-reviewer");
        Assert.Equal(HttpStatusCode.OK, (await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/retest", new { tubes = new[] { pools[1] }, reason = "bubble in the well" })).StatusCode);

        var withdrawn = Assert.Single((await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        Assert.Equal(("withdrawn", pools[1]), (withdrawn.GetProperty("status").GetString(), withdrawn.GetProperty("pool").GetString()));
        Assert.Contains("bubble in the well", withdrawn.GetProperty("withdrawnReason").GetString(), StringComparison.Ordinal);
        Assert.Single((await (await hospital.GetAsync("/api/v1/recalls?status=withdrawn")).JsonAsync()).EnumerateArray());
        Assert.Equal(2, (await (await lab.GetAsync("/api/v1/lab/recalls?status=withdrawn")).JsonAsync()).EnumerateArray()
            .Count(c => c.GetProperty("pool").GetString() is { } p && pools.Contains(p)));
    }

    private async Task At(DateTimeOffset time, Func<Task> action)
    {
        var before = api.Clock.Now;
        api.Clock.Now = time;
        try
        {
            await action();
        }
        finally
        {
            api.Clock.Now = before;
        }
    }

    [Fact]
    public async Task The_writer_gives_each_pools_people_the_passs_order_barcodes_in_turn_with_their_check_digits()
    {
        // 30 registered pools of 1 to 20 people: the writer reads the people from the tubes.
        var hospital = await api.ClientForNewSubmitterAsync();
        var random = new Random(20261123);
        var sizes = Enumerable.Range(0, 30).Select(_ => random.Next(1, 21)).ToArray();
        var barcodes = sizes.Select(_ => NewBarcode()).ToArray();
        var registered = await hospital.SendAsync(Post(Batch([.. barcodes.Select((b, i) => (object)Tube(b, sizes[i], capacity: 20))])));
        Assert.Equal(30, (await registered.JsonAsync()).GetProperty("accepted").GetInt32());
        var keys = barcodes.Select(Barcode.Create).ToList();
        var tubes = (await api.WithDbAsync(db => db.Tubes.AsNoTracking().Where(t => keys.Contains(t.Barcode)).ToListAsync()))
            .OrderBy(t => Array.IndexOf(barcodes, t.Barcode.Value)).ToList();
        var pools = tubes.Select(t => new PositivePoolHeader(t.Id, t.Barcode, t.SubmitterId, t.Site, t.Members.Count)).ToList();

        // One pool got its case from another pass, with other barcodes.
        var earlier = RecallPass.Plan([pools[4]], [BarcodeRange.Create("Q" + random.Next(0, 10_000_000).ToString("D7"), 1, 20)], api.Clock.Now, TimeSpan.FromHours(12));
        Assert.Equal([earlier.Pools[0].Case], await WriteAsync(earlier));

        // Ranges from all over the sequence space (every digit pattern meets the check digit), the last at its very end,
        // taken back to back; a prefix of letters and digits.
        var prefix = "R" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        var ranges = new List<BarcodeRange>();
        while (ranges.Sum(r => r.Count) < sizes.Sum())
        {
            var count = random.Next(1, 25);
            ranges.Add(BarcodeRange.Create(prefix, random.NextInt64(0, BarcodeRange.MaxSequence - 100 - count), count));
        }
        ranges.Add(BarcodeRange.Create(prefix, BarcodeRange.MaxSequence - 9, 10));
        var pass = RecallPass.Plan(pools, ranges, api.Clock.Now, TimeSpan.FromHours(12));

        var opened = await WriteAsync(pass);

        var fresh = pass.Pools.Where(p => p.Tube != pools[4].Tube).ToList();
        Assert.Equal(fresh.Select(p => p.Case), opened);
        var ids = opened.ToList();
        var cases = (await api.WithDbAsync(db => db.RecallCases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync())).ToDictionary(c => c.Id);
        var written = new List<string>();
        foreach (var pool in fresh)
        {
            var tube = tubes.Single(t => t.Id == pool.Tube);
            var expected = pass.Open(pool, tube.Members.Select(m => new PoolMember(m.Position, m.Person.Masked, m.Person.LookupHash)));
            var actual = cases[pool.Case];
            Assert.Equal((expected.PoolTubeId, expected.PoolBarcode, expected.SubmitterId, expected.Site, expected.OpenedAt, expected.DueAt, expected.Status, expected.Version),
                (actual.PoolTubeId, actual.PoolBarcode, actual.SubmitterId, actual.Site, actual.OpenedAt, actual.DueAt, actual.Status, actual.Version));
            var members = actual.Members.OrderBy(m => m.Position).ToList();
            Assert.Equal(expected.Members.Select(m => (m.Position, m.PersonMasked, Convert.ToHexString(m.PersonLookupHash), m.OrderBarcode, m.Result)),
                members.Select(m => (m.Position, m.PersonMasked, Convert.ToHexString(m.PersonLookupHash), m.OrderBarcode, m.Result)));
            written.AddRange(members.Select(m => m.OrderBarcode.Value));
        }
        // Each barcode is BarcodeRange's own: the number its ordinal in the pass falls on, and the Damm check digit.
        Assert.Equal(fresh.SelectMany(p => Enumerable.Range(p.FirstOrder, p.Members)).Select(o => BarcodeRange.Format(prefix, SequenceAt(ranges, o))), written);
        Assert.All(written, b => Assert.True(BarcodeRange.TryParse(b, out _, out _, out _)));

        // The same pass again opens nothing.
        Assert.Empty(await WriteAsync(pass));
    }

    /// <summary>The pass written as its callers write it: in their transaction, their save writing what joined the unit of work.</summary>
    private async Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ILimsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var opened = await scope.ServiceProvider.GetRequiredService<IRecallCaseWriter>().WriteAsync(pass, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return opened;
    }

    private static long SequenceAt(IEnumerable<BarcodeRange> ranges, int ordinal)
    {
        foreach (var range in ranges)
        {
            if (ordinal < range.Count) return range.Start + ordinal;
            ordinal -= range.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(ordinal));
    }

    [Fact]
    public async Task An_open_case_past_its_deadline_is_flagged_overdue_and_cases_are_private_to_their_submitter()
    {
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(1);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive], RunFiles.Negative)));
        await api.ApproveAsync(plate);
        var id = (await (await hospital.GetAsync("/api/v1/recalls?status=open")).JsonAsync())[0].GetProperty("id").GetGuid();

        await api.SendAsync(s => s.Send(new FlagOverdueRecallCases()).AsTask());
        Assert.DoesNotContain((await (await lab.GetAsync("/api/v1/lab/recalls?status=overdue")).JsonAsync()).EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var before = api.Clock.Now;
        api.Clock.Now = before.AddHours(13);
        try
        {
            Assert.True(await api.SendAsync(s => s.Send(new FlagOverdueRecallCases()).AsTask()) >= 1);
        }
        finally
        {
            api.Clock.Now = before;
        }

        var overdue = (await (await lab.GetAsync("/api/v1/lab/recalls?status=overdue")).JsonAsync()).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(before.AddHours(13), overdue.GetProperty("overdueSince").GetDateTimeOffset());
        var stranger = await api.ClientForNewSubmitterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/recalls/{id}")).StatusCode);
        Assert.Empty((await (await stranger.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await lab.GetAsync("/api/v1/recalls")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hospital.GetAsync("/api/v1/recalls?status=lost")).StatusCode);
    }
}

/// <summary>The prevalence behind the collection pools' results, per site and day, as the planner's input.</summary>
public abstract class ObservedPrevalenceTests(LimsApiFactory api)
{
    [Fact]
    public async Task Pool_results_give_the_prevalence_per_site_and_day_and_the_plan_for_it()
    {
        var site = "Site " + Guid.NewGuid().ToString("N")[..8];
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(3, site: site);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative, RunFiles.Negative], RunFiles.Negative)));
        var url = $"/api/v1/pooling/prevalence/observed?from=2026-11-22&to=2026-11-23&site={Uri.EscapeDataString(site)}";

        var lines = (await (await lab.GetAsync(url + "&se=0.95&sp=0.99")).JsonAsync()).EnumerateArray().ToList();

        var line = Assert.Single(lines);
        Assert.Equal((site, "2026-11-23", 10, 3, 1), (line.GetProperty("site").GetString(), line.GetProperty("day").GetString(),
            line.GetProperty("poolSize").GetInt32(), line.GetProperty("pools").GetInt32(), line.GetProperty("positive").GetInt32()));
        var prevalence = line.GetProperty("prevalence");
        Assert.Equal(1 - Math.Pow(2.0 / 3, 0.1), prevalence.GetProperty("estimate").GetDouble(), 1e-12);
        Assert.True(prevalence.GetProperty("lower").GetDouble() < prevalence.GetProperty("estimate").GetDouble());
        Assert.Equal(JsonValueKind.String, line.GetProperty("plan").GetProperty("strategy").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await (await lab.GetAsync(url)).JsonAsync())[0].GetProperty("plan").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await lab.GetAsync($"/api/v1/pooling/prevalence/observed?from=2026-11-23&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lab.GetAsync(url + "&se=0.95")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync(url)).StatusCode);
    }
}

public sealed class SqliteObservedPrevalenceTests(SqliteApi fixture) : ObservedPrevalenceTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlObservedPrevalenceTests(PostgreSqlApi fixture) : ObservedPrevalenceTests(fixture.Api), IClassFixture<PostgreSqlApi>;

public sealed class SqliteRecallTests(SqliteApi fixture) : RecallTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlRecallTests(PostgreSqlApi fixture) : RecallTests(fixture.Api), IClassFixture<PostgreSqlApi>;

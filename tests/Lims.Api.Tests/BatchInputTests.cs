using System.Net;
using System.Text.Json;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// What a batch may hold, over HTTP: collection times with their offset, since 2020 and not ahead of the lab's clock; no field
/// the batch does not know, no key twice; names and sites without control or bidirectional-formatting characters.
/// </summary>
public abstract class BatchInputTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_collection_time_without_an_offset_or_before_2020_or_in_the_future_is_refused_per_tube()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var beijing = NewBarcode();
        Dictionary<string, object?> At(string time)
        {
            var tube = Tube(NewBarcode(), members: 1);
            tube["collectedAt"] = time;
            return tube;
        }
        var good = Tube(beijing, members: 1);
        good["collectedAt"] = "2026-11-23T07:00:00+08:00";

        var response = await client.SendAsync(Post(Batch(good, At("2026-11-23T07:00:00"), At("2026-11-23 07:00"), At("2026-11-23"),
            At("2019-12-31T23:59:59Z"), At("2026-11-23T08:06:00Z"), At("2026-11-23T08:04:00Z"), At("yesterday " + new string('x', 5_000)))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal(2, receipt.GetProperty("accepted").GetInt32()); // Beijing time, and a clock 4 minutes ahead of the lab's
        var rejected = receipt.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => Assert.Single(r.GetProperty("errors").EnumerateArray()));
        Assert.Equal([1, 2, 3, 4, 5, 7], rejected.Keys.Order());
        Assert.All(rejected.Values, e => Assert.Equal("collectedAt", e.GetProperty("field").GetString()));
        string Message(int i) => rejected[i].GetProperty("message").GetString()!;
        Assert.Contains("needs an offset, e.g. +08:00", Message(1), StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601", Message(2), StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601", Message(3), StringComparison.Ordinal);
        Assert.Contains("before 2020", Message(4), StringComparison.Ordinal);
        Assert.Contains("future", Message(5), StringComparison.Ordinal);
        Assert.True(Message(7).Length < 300, Message(7));

        // 07:00 in Beijing is 23:00 UTC the day before; screening is due 24 h later.
        var tube = await (await client.GetAsync($"/api/v1/tubes/{beijing}")).JsonAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), tube.GetProperty("collectedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero), tube.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_fhir_tube_collected_on_a_date_alone_or_before_2020_is_refused_entry_by_entry()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var bundle = new BundleBuilder();
        var good = bundle.Pool(NewBarcode(), people: 1);
        var dateOnly = bundle.SingleTube(NewBarcode(), bundle.Patient(8_101));
        bundle.Order(dateOnly);
        var early = bundle.SingleTube(NewBarcode(), bundle.Patient(8_102), collected: new DateTimeOffset(2019, 6, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        bundle.Order(early);
        var json = bundle.Json(j => j["entry"]![bundle.IndexOf(dateOnly)]!["resource"]!["collection"]!["collectedDateTime"] = "2026-11-23");

        var response = await client.SendAsync(BundleBuilder.Post(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await BundleBuilder.AnswerAsync(response);
        Assert.Equal("201 Created", answer.Entry[bundle.IndexOf(good)].Response!.Status);
        foreach (var (tube, says) in new[] { (dateOnly, "not an ISO 8601"), (early, "before 2020") })
        {
            var entry = answer.Entry[bundle.IndexOf(tube)].Response!;
            Assert.Equal("400 Bad Request", entry.Status);
            var issue = Assert.Single(Assert.IsType<OperationOutcome>(entry.Outcome).Issue);
            Assert.Contains(says, issue.Details!.Text!, StringComparison.Ordinal);
            Assert.Equal([$"Bundle.entry[{bundle.IndexOf(tube)}].resource.collection.collected"], issue.Expression);
        }
    }

    [Fact]
    public async Task A_field_the_batch_does_not_know_refuses_its_tube_and_at_the_top_the_batch()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var misspelt = Tube(NewBarcode(), members: 0);
        misspelt["members"] = new[] { new { idType = "cn-resident", idNumber = ResidentId(8_201), name = "Li Si", phon = "13800138000" } };
        var extra = Tube(NewBarcode(), members: 1);
        extra["colour"] = "red";
        var good = NewBarcode();

        var response = await client.SendAsync(Post(Batch(misspelt, extra, Tube(good, members: 1))));

        var receipt = await response.JsonAsync();
        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var errors = receipt.GetProperty("rejected").EnumerateArray().Select(r => Assert.Single(r.GetProperty("errors").EnumerateArray())).ToList();
        Assert.Equal(["members[0].phon", "colour"], errors.Select(e => e.GetProperty("field").GetString()));
        Assert.All(errors, e => Assert.StartsWith("Unknown field", e.GetProperty("message").GetString(), StringComparison.Ordinal));

        var before = await api.CountRowsAsync();
        var top = await client.SendAsync(PostRaw(JsonSerializer.Serialize(new { reference = "x", tubes = new[] { Tube(NewBarcode()) }, priority = "emergency" }, JsonSerializerOptions.Web), Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, top.StatusCode);
        Assert.Contains("Unknown field 'priority'", (await top.JsonAsync()).GetProperty("errors").GetProperty("priority")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Theory]
    [InlineData("""{"tubes":[{"barcode":"DUP00001","barcode":"DUP00002"}]}""", "tubes[0].barcode")]
    [InlineData("""{"tubes":[],"tubes":[{"barcode":"DUP00003"}]}""", "tubes")]
    [InlineData("""{"tubes":[{"members":[{"name":"A","name":"B"}]}]}""", "tubes[0].members[0].name")]
    public async Task A_key_given_twice_refuses_the_batch_naming_it_and_writes_nothing(string body, string field)
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();

        var response = await client.SendAsync(PostRaw(body, Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains("more than once", message, StringComparison.Ordinal);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Theory]
    [InlineData("\u202Eevil")]        // right-to-left override
    [InlineData("Zhang\u2066San")]    // left-to-right isolate
    [InlineData("Zhang\u0007San")]    // a control character (bell)
    [InlineData("Zhang\u200FSan")]    // right-to-left mark
    public async Task A_name_or_site_with_control_or_bidirectional_characters_is_refused_per_tube(string text)
    {
        var client = await api.ClientForNewSubmitterAsync();
        var name = Tube(NewBarcode(), members: 0);
        name["members"] = new[] { new { idType = "cn-resident", idNumber = ResidentId(8_301), name = text } };
        var site = Tube(NewBarcode(), members: 1);
        site["site"] = "Site " + text;
        var good = Tube(NewBarcode(), members: 1);
        good["site"] = "Site 7 — 朝阳区 (Chaoyang)";

        var receipt = await (await client.SendAsync(Post(Batch(name, site, good)))).JsonAsync();

        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var errors = receipt.GetProperty("rejected").EnumerateArray().Select(r => Assert.Single(r.GetProperty("errors").EnumerateArray())).ToList();
        Assert.Equal(["members[0].name", "site"], errors.Select(e => e.GetProperty("field").GetString()));
        Assert.All(errors, e => Assert.Contains("control or bidirectional", e.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_tube_never_echoes_a_huge_input_back()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var huge = new string('A', 1_000_000);
        var tube = Tube(huge, members: 1);
        tube["kind"] = huge;
        tube["priority"] = huge;

        var response = await client.SendAsync(Post(Batch(tube, Tube(huge, members: 1))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length < 4_000, $"{body.Length:N0} characters answered");
        Assert.Contains("(1,000,000 characters)", body, StringComparison.Ordinal);
    }
}

public sealed class SqliteBatchInputTests(SqliteApi fixture) : BatchInputTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlBatchInputTests(PostgreSqlApi fixture) : BatchInputTests(fixture.Api), IClassFixture<PostgreSqlApi>;

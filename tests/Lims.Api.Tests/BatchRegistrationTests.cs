using System.Net;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>POST /api/v1/batches on a real database: accepted tubes, every rejection reason, idempotency, refusals that write nothing.</summary>
public abstract class BatchRegistrationTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_good_batch_is_accepted_and_its_tubes_can_be_read_back()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var first = NewBarcode();
        var second = NewBarcode();

        var response = await client.SendAsync(Post(Batch(Tube(first, members: 10), Tube(second, members: 1, capacity: 1, kind: "single", priority: "emergency"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal(2, receipt.GetProperty("accepted").GetInt32());
        Assert.Empty(receipt.GetProperty("rejected").EnumerateArray());
        var batchId = receipt.GetProperty("batchId").GetGuid();
        Assert.Equal($"/api/v1/batches/{batchId}", response.Headers.Location?.ToString());

        var tube = await (await client.GetAsync($"/api/v1/tubes/{first}")).JsonAsync();
        Assert.Equal("registered", tube.GetProperty("status").GetString());
        Assert.Equal(10, tube.GetProperty("members").GetArrayLength());
        Assert.Equal(batchId, tube.GetProperty("batchId").GetGuid());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), tube.GetProperty("dueAt").GetDateTimeOffset());
        var history = Assert.Single(tube.GetProperty("history").EnumerateArray());
        Assert.Equal("registered", history.GetProperty("to").GetString());
        Assert.Equal(api.Clock.Now, history.GetProperty("at").GetDateTimeOffset());

        var single = await (await client.GetAsync($"/api/v1/tubes/{second}")).JsonAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), single.GetProperty("dueAt").GetDateTimeOffset());

        var batch = await (await client.GetAsync($"/api/v1/batches/{batchId}")).JsonAsync();
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(new[] { first, second }.Order(), batch.GetProperty("tubes").EnumerateArray().Select(t => t.GetProperty("barcode").GetString()).Order());
    }

    [Fact]
    public async Task Members_are_masked_in_every_response_and_never_stored_in_clear()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var barcode = NewBarcode();
        var id = ResidentId(424_242);
        var tube = Tube(barcode, members: 0);
        tube["members"] = new[] { new { idType = "cn-resident", idNumber = id, name = "Wang Xiaoming", phone = "13912345678" } };

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(Batch(tube)))).StatusCode);

        var body = await (await client.GetAsync($"/api/v1/tubes/{barcode}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id, body);
        Assert.DoesNotContain("Wang Xiaoming", body);
        Assert.DoesNotContain("13912345678", body);
        var member = JsonDocument.Parse(body).RootElement.GetProperty("members")[0];
        Assert.Equal($"{id[..4]}**********{id[14..]}", member.GetProperty("idNumber").GetString());
        Assert.Equal("cn-resident", member.GetProperty("idType").GetString());
        Assert.Equal("*******5678", member.GetProperty("phone").GetString());

        var stored = await api.WithDbAsync(db => db.Tubes.AsNoTracking().Where(t => t.Barcode == Domain.Tubes.Barcode.Create(barcode))
            .SelectMany(t => t.Members).Select(m => m.Person).SingleAsync());
        Assert.False(System.Text.Encoding.ASCII.GetString(stored.Cipher).Contains(id[6..14], StringComparison.Ordinal));
        Assert.Equal(32, stored.LookupHash.Length);
    }

    [Fact]
    public async Task Bad_tubes_are_rejected_with_every_reason_while_good_ones_are_accepted()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var good = NewBarcode();
        var duplicate = NewBarcode();

        var wrongCheck = Tube(NewBarcode(), members: 1);
        wrongCheck["members"] = new[] { new { idType = "cn-resident", idNumber = WithWrongCheckCharacter(ResidentId(7)), name = "A", phone = (string?)null } };
        var overCapacity = Tube(NewBarcode(), members: 6, capacity: 5);
        var badBarcode = Tube("AB C", members: 1);
        var missing = new Dictionary<string, object?> { ["barcode"] = NewBarcode(), ["kind"] = "pooled", ["capacity"] = 10 };
        var samePersonTwice = Tube(NewBarcode(), members: 0);
        samePersonTwice["members"] = new[] { Member(99), Member(99) };
        var future = Tube(NewBarcode(), members: 1, collectedAt: api.Clock.Now.AddHours(1));
        var singleOfFive = Tube(NewBarcode(), members: 1, capacity: 5, kind: "single");
        var unknownType = Tube(NewBarcode(), members: 0);
        unknownType["members"] = new[] { new { idType = "driving-licence", idNumber = "X1234567", name = "B" } };

        var response = await client.SendAsync(Post(Batch(
            Tube(good), wrongCheck, overCapacity, badBarcode, missing, Tube(duplicate), Tube(duplicate), samePersonTwice, future, singleOfFive, unknownType)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var rejected = receipt.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), Errors);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], rejected.Keys.Order());

        Assert.Contains(rejected[1], e => e.Field == "members[0].idNumber" && e.Message.Contains("check character", StringComparison.Ordinal));
        Assert.Contains(rejected[2], e => e.Field == "members" && e.Message.Contains("6 in a tube of 5", StringComparison.Ordinal));
        Assert.Contains(rejected[3], e => e.Field == "barcode" && e.Message.Contains("position 3", StringComparison.Ordinal));
        Assert.Equal(["collectedAt", "members", "priority", "site"], rejected[4].Select(e => e.Field).Order());
        Assert.Contains(rejected[5], e => e.Field == "barcode" && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(rejected[6], e => e.Field == "barcode" && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(rejected[7], e => e.Field == "members[1].idNumber" && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(rejected[8], e => e.Field == "collectedAt" && e.Message.Contains("future", StringComparison.Ordinal));
        Assert.Contains(rejected[9], e => e.Field == "capacity");
        Assert.Contains(rejected[10], e => e.Field == "members[0].idType");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tubes/{good}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{duplicate}")).StatusCode);
    }

    [Fact]
    public async Task A_barcode_already_registered_is_rejected_and_the_rest_of_the_batch_lands()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var other = await api.ClientForNewSubmitterAsync();
        var taken = NewBarcode();
        Assert.Equal(HttpStatusCode.Created, (await other.SendAsync(Post(Batch(Tube(taken))))).StatusCode);
        var before = await api.CountRowsAsync();
        var fresh = NewBarcode();

        var receipt = await (await client.SendAsync(Post(Batch(Tube(fresh, members: 4), Tube(taken, members: 5))))).JsonAsync();

        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var rejection = Assert.Single(receipt.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejection.GetProperty("index").GetInt32());
        Assert.Equal(taken, rejection.GetProperty("barcode").GetString());
        Assert.Contains("already registered", rejection.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var after = await api.CountRowsAsync();
        Assert.Equal(before with { Submissions = before.Submissions + 1, Tubes = before.Tubes + 1, Members = before.Members + 4, Events = before.Events + 1 }, after);
        // The taken tube still belongs to the first submitter and is invisible to the second.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{taken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/tubes/{taken}")).StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_answers_the_same_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var body = JsonSerializer.Serialize(Batch(Tube(NewBarcode()), Tube("bad"), Tube(NewBarcode())), JsonSerializerOptions.Web);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(PostRaw(body, key));
        var afterFirst = await api.CountRowsAsync();
        var retry = await client.SendAsync(PostRaw(body, key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(afterFirst, await api.CountRowsAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_conflict_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(Batch(Tube(NewBarcode())), key))).StatusCode);
        var before = await api.CountRowsAsync();
        var other = NewBarcode();

        var response = await client.SendAsync(Post(Batch(Tube(other)), key));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency-key-reused", (await response.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(before, await api.CountRowsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{other}")).StatusCode);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_their_submitter()
    {
        var key = Guid.NewGuid().ToString();
        var one = await api.ClientForNewSubmitterAsync();
        var two = await api.ClientForNewSubmitterAsync();

        var first = await (await one.SendAsync(Post(Batch(Tube(NewBarcode())), key))).JsonAsync();
        var second = await two.SendAsync(Post(Batch(Tube(NewBarcode())), key));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.GetProperty("batchId").GetGuid(), (await second.JsonAsync()).GetProperty("batchId").GetGuid());
    }

    public static TheoryData<string, string, string?, string> MalformedRequests => new()
    {
        { "not JSON", "{ this is not json", "application/json", "not a valid batch" },
        { "wrong content type", """{"tubes":[]}""", "text/plain", "Content-Type" },
        { "no tubes property", """{"reference":"x"}""", "application/json", "tubes" },
        { "empty tubes", """{"tubes":[]}""", "application/json", "1 to 10,000" },
        { "tubes not an array", """{"tubes":"many"}""", "application/json", "not a valid batch" },
        { "a number where text belongs", """{"tubes":[{"barcode":"ABCD","capacity":"ten"}]}""", "application/json", "capacity" },
        { "JSON null", "null", "application/json", "null" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_request_is_a_400_problem_and_writes_nothing(string _, string body, string? contentType, string expected)
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();

        var response = await client.SendAsync(PostRaw(body, Guid.NewGuid().ToString(), contentType!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task More_than_ten_thousand_tubes_is_a_400_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();
        var tubes = Enumerable.Range(0, 10_001).Select(i => new { barcode = $"X{i:D6}" }).ToArray();

        var response = await client.SendAsync(Post(new { tubes }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("10,001", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task A_missing_idempotency_key_is_a_400_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();

        var response = await client.SendAsync(PostRaw(JsonSerializer.Serialize(Batch(Tube(NewBarcode())), JsonSerializerOptions.Web), idempotencyKey: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();
        var padding = new string('x', (int)LimsApiFactory.MaxBatchBytes);

        var response = await client.SendAsync(PostRaw($$"""{"reference":"{{padding}}","tubes":[]}""", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task Concurrent_batches_with_the_same_barcodes_register_each_barcode_once()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.ClientForNewSubmitterAsync()));
        var barcodes = Enumerable.Range(0, 50).Select(_ => NewBarcode()).ToArray();

        var responses = await Task.WhenAll(clients.Select(c => c.SendAsync(Post(Batch([.. barcodes.Select(b => (object)Tube(b, members: 2))])))));

        var receipts = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(barcodes.Length, receipts.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(barcodes.Length * (clients.Length - 1), receipts.Sum(r => r.GetProperty("rejected").GetArrayLength()));
        var stored = await api.WithDbAsync(db => db.Tubes.CountAsync(t => barcodes.Select(Domain.Tubes.Barcode.Create).Contains(t.Barcode)));
        Assert.Equal(barcodes.Length, stored);
    }

    private static List<(string Field, string Message)> Errors(JsonElement rejection) =>
        [.. rejection.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!))];
}

public sealed class SqliteBatchRegistrationTests(SqliteApi fixture) : BatchRegistrationTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlBatchRegistrationTests(PostgreSqlApi fixture) : BatchRegistrationTests(fixture.Api), IClassFixture<PostgreSqlApi>;

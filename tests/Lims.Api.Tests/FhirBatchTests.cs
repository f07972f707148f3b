using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Fhir;
using static Lims.Api.Tests.Infrastructure.TestData;
using Task = System.Threading.Tasks.Task;

namespace Lims.Api.Tests;

/// <summary>POST /api/v1/fhir: a batch as a FHIR R4 transaction Bundle, on a real database.</summary>
public abstract class FhirBatchTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_pooled_and_a_single_tube_land_as_tubes_with_their_members()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var pool = NewBarcode();
        var single = NewBarcode();
        var bundle = new BundleBuilder();
        bundle.Pool(pool, people: 3, firstPerson: 5_000);
        bundle.Single(single, RequestPriority.Stat, person: 6_000);

        var response = await client.SendAsync(BundleBuilder.Post(bundle.Json()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var answer = await BundleBuilder.AnswerAsync(response);
        Assert.Equal(Bundle.BundleType.TransactionResponse, answer.Type);
        Assert.Equal(bundle.Count, answer.Entry.Count);
        Assert.All(answer.Entry, e => Assert.Equal("201 Created", e.Response!.Status));

        var tube = await (await client.GetAsync($"/api/v1/tubes/{pool}")).JsonAsync();
        Assert.Equal("pooled", tube.GetProperty("kind").GetString());
        Assert.Equal(10, tube.GetProperty("capacity").GetInt32());
        Assert.Equal("registered", tube.GetProperty("status").GetString());
        Assert.Equal("screening", tube.GetProperty("priority").GetString());
        Assert.Equal("Collection site 7", tube.GetProperty("site").GetString());
        Assert.Equal(BundleBuilder.Collected, tube.GetProperty("collectedAt").GetDateTimeOffset());
        Assert.Equal(BundleBuilder.Collected.AddHours(24), tube.GetProperty("dueAt").GetDateTimeOffset());
        var members = tube.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], members.Select(m => m.GetProperty("position").GetInt32()));
        Assert.All(members, m => Assert.Equal("cn-resident", m.GetProperty("idType").GetString()));
        var first = ResidentId(5_000);
        Assert.Equal($"{first[..4]}**********{first[14..]}", members[0].GetProperty("idNumber").GetString());
        Assert.Equal("*******8000", members[0].GetProperty("phone").GetString());

        var one = await (await client.GetAsync($"/api/v1/tubes/{single}")).JsonAsync();
        Assert.Equal("single", one.GetProperty("kind").GetString());
        Assert.Equal("emergency", one.GetProperty("priority").GetString());
        Assert.Equal(BundleBuilder.Collected.AddHours(6), one.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Single(one.GetProperty("members").EnumerateArray());

        // The answer names the batch, which the JSON API shows with the Bundle's identifier as its reference.
        var batchId = Guid.Parse(answer.Identifier!.Value!["urn:uuid:".Length..]);
        Assert.Equal(batchId, tube.GetProperty("batchId").GetGuid());
        var batch = await (await client.GetAsync($"/api/v1/batches/{batchId}")).JsonAsync();
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(bundle.Reference, batch.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Request_priorities_map_to_due_times_and_the_most_urgent_order_of_a_tube_wins()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var bundle = new BundleBuilder();
        var expected = new Dictionary<string, (string Priority, int Hours)>();
        foreach (var (priority, lims, hours) in new (RequestPriority?, string, int)[]
                 {
                     (RequestPriority.Stat, "emergency", 6), (RequestPriority.Asap, "emergency", 6), (RequestPriority.Urgent, "routine", 12),
                     (RequestPriority.Routine, "screening", 24), (null, "screening", 24),
                 })
        {
            var barcode = NewBarcode();
            bundle.Pool(barcode, people: 2, priority);
            expected[barcode] = (lims, hours);
        }
        // Two orders for one tube, one routine and one urgent: the tube is due as the urgent one.
        var twice = NewBarcode();
        var tube = bundle.Pool(twice, people: 2, RequestPriority.Routine);
        bundle.Order(tube, RequestPriority.Urgent);
        expected[twice] = ("routine", 12);

        var answer = await BundleBuilder.AnswerAsync(await client.SendAsync(BundleBuilder.Post(bundle.Json())));

        Assert.All(answer.Entry, e => Assert.Equal("201 Created", e.Response!.Status));
        foreach (var (barcode, (priority, hours)) in expected)
        {
            var view = await (await client.GetAsync($"/api/v1/tubes/{barcode}")).JsonAsync();
            Assert.Equal(priority, view.GetProperty("priority").GetString());
            Assert.Equal(BundleBuilder.Collected.AddHours(hours), view.GetProperty("dueAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Bad_tubes_are_answered_400_entry_by_entry_while_the_good_ones_land()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var other = await api.ClientForNewSubmitterAsync();
        var taken = NewBarcode();
        var earlier = new BundleBuilder();
        earlier.Single(taken);
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(BundleBuilder.Post(earlier.Json()))).StatusCode);
        var before = await api.CountRowsAsync();

        var bundle = new BundleBuilder();
        var good = NewBarcode();
        var goodTube = bundle.Pool(good, people: 2);

        // A pool whose second person's id has a wrong check character.
        var badId = NewBarcode();
        var fine = bundle.Patient(7_001);
        var wrong = bundle.Patient(7_002, number: WithWrongCheckCharacter(ResidentId(7_002)));
        var wrongSwab = bundle.Swab(wrong);
        var badIdTube = bundle.PooledTube(badId, [bundle.Swab(fine), wrongSwab]);
        var badIdOrder = bundle.Order(badIdTube);

        // A single tube nobody ordered: no priority, no site.
        var unordered = NewBarcode();
        var unorderedPatient = bundle.Patient(7_003);
        var unorderedTube = bundle.SingleTube(unordered, unorderedPatient);

        // A barcode another submitter registered; a person in a system Lims does not know; a pool without a capacity.
        var takenTube = bundle.Single(taken);
        var stranger = bundle.Patient(7_004, system: "https://hospital.example/mrn", number: "MRN-7");
        var strangerTube = bundle.SingleTube(NewBarcode(), stranger);
        bundle.Order(strangerTube);
        var noCapacity = NewBarcode();
        var noCapacityTube = bundle.PooledTube(noCapacity, [bundle.Swab(bundle.Patient(7_005))], capacity: null);
        bundle.Order(noCapacityTube);

        var response = await client.SendAsync(BundleBuilder.Post(bundle.Json()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await BundleBuilder.AnswerAsync(response);
        Assert.Equal(bundle.Count, answer.Entry.Count);
        Assert.Equal("201 Created", answer.Entry[bundle.IndexOf(goodTube)].Response!.Status);
        Assert.Equal(6, answer.Entry.Count(e => e.Response!.Status == "201 Created")); // the good pool: 2 Patients, 2 swabs, the tube, its order
        IReadOnlyList<OperationOutcome.IssueComponent> Issues(string entry) =>
            Assert.IsType<OperationOutcome>(answer.Entry[bundle.IndexOf(entry)].Response!.Outcome).Issue;

        // Every entry of the bad pool carries the same outcome, pointing at the Patient's identifier.
        foreach (var entry in new[] { badIdTube, wrong, wrongSwab, fine, badIdOrder })
        {
            var outcome = Assert.IsType<OperationOutcome>(answer.Entry[bundle.IndexOf(entry)].Response!.Outcome);
            Assert.Equal("400 Bad Request", answer.Entry[bundle.IndexOf(entry)].Response!.Status);
            var issue = Assert.Single(outcome.Issue);
            Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
            Assert.Contains("check character", issue.Details!.Text!, StringComparison.Ordinal);
            Assert.Equal([$"Bundle.entry[{bundle.IndexOf(wrong)}].resource.identifier"], issue.Expression);
        }

        var missing = Issues(unorderedTube);
        Assert.Equal([$"Bundle.entry[{bundle.IndexOf(unorderedTube)}].resource"], missing.Single(i => i.Diagnostics!.EndsWith("'priority'", StringComparison.Ordinal)).Expression);
        Assert.Contains(missing, i => i.Details!.Text!.Contains("No ServiceRequest", StringComparison.Ordinal));
        Assert.Contains(missing, i => i.Details!.Text!.Contains("collection site", StringComparison.Ordinal));
        Assert.Equal(Issues(unorderedTube).Select(i => i.Details!.Text!), Issues(unorderedPatient).Select(i => i.Details!.Text!));

        var duplicate = Assert.Single(Issues(takenTube));
        Assert.Equal(OperationOutcome.IssueType.Duplicate, duplicate.Code);
        Assert.Contains("already registered", duplicate.Details!.Text!, StringComparison.Ordinal);
        Assert.Equal([$"Bundle.entry[{bundle.IndexOf(takenTube)}].resource.container.identifier"], duplicate.Expression);

        var unknown = Assert.Single(Issues(strangerTube));
        Assert.Contains(FhirSystems.CnResident, unknown.Details!.Text!, StringComparison.Ordinal);
        Assert.Equal([$"Bundle.entry[{bundle.IndexOf(stranger)}].resource.identifier"], unknown.Expression);

        var capacity = Assert.Single(Issues(noCapacityTube));
        Assert.Equal([$"Bundle.entry[{bundle.IndexOf(noCapacityTube)}].resource.container.capacity"], capacity.Expression);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tubes/{good}")).StatusCode);
        foreach (var barcode in new[] { badId, unordered, noCapacity })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{barcode}")).StatusCode);
        Assert.Equal(before with { Submissions = before.Submissions + 1, Tubes = before.Tubes + 1, Members = before.Members + 2, Events = before.Events + 1 },
            await api.CountRowsAsync());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_bundle_answers_the_same_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var bundle = new BundleBuilder();
        bundle.Pool(NewBarcode(), people: 4);
        bundle.SingleTube("no good", bundle.Patient(8_001));
        var json = bundle.Json();
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(BundleBuilder.Post(json, key));
        var afterFirst = await api.CountRowsAsync();
        var retry = await client.SendAsync(BundleBuilder.Post(json, key));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(afterFirst, await api.CountRowsAsync());

        // The same key with another Bundle is a conflict, as for a JSON batch.
        var other = new BundleBuilder();
        other.Single(NewBarcode());
        var conflict = await client.SendAsync(BundleBuilder.Post(other.Json(), key));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("idempotency-key-reused", (await conflict.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(afterFirst, await api.CountRowsAsync());
    }

    [Fact]
    public async Task A_bundle_without_an_idempotency_key_is_a_400_and_writes_nothing()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var before = await api.CountRowsAsync();
        var bundle = new BundleBuilder();
        bundle.Single(NewBarcode());
        var request = BundleBuilder.Post(bundle.Json());
        request.Headers.Remove("Idempotency-Key");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task The_plain_json_content_type_is_taken_and_others_are_a_400()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var bundle = new BundleBuilder();
        var barcode = NewBarcode();
        bundle.Single(barcode);

        var xml = await client.SendAsync(BundleBuilder.Post(bundle.Json(), contentType: "application/fhir+xml"));
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Equal("application/problem+json", xml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/fhir+json", await xml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{barcode}")).StatusCode);

        var json = await client.SendAsync(BundleBuilder.Post(bundle.Json(), contentType: "application/json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tubes/{barcode}")).StatusCode);
    }

    [Fact]
    public async Task A_lab_station_key_cannot_submit_and_no_key_is_a_401()
    {
        var bundle = new BundleBuilder();
        bundle.Single(NewBarcode());
        var lab = await api.LabClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await lab.SendAsync(BundleBuilder.Post(bundle.Json()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().SendAsync(BundleBuilder.Post(bundle.Json()))).StatusCode);
    }

    public static TheoryData<string> BrokenBundles => [.. Broken.Keys];

    /// <summary>
    /// Each broken Bundle: a good pool and single tube (entries 0–5: Patient, swab, Patient, swab, the pool, its order;
    /// 6–8: a Patient, the single tube, its order), broken one way; the key of the error and what its message says.
    /// </summary>
    private static readonly Dictionary<string, Func<BundleBuilder, (string Body, string Key, string[] Says)>> Broken = new()
    {
        ["not JSON"] = b => ("{ \"resourceType\": \"Bundle\", ", "body", ["not JSON"]),
        ["a Patient, not a Bundle"] = b => (FhirJson.Serialize(b.Resource<Patient>(Url(b, 0))), "resourceType", ["Patient", "transaction"]),
        ["a batch Bundle"] = b => (b.Json(j => j["type"] = "batch"), "Bundle.type", ["'batch'", "transaction"]),
        ["no entries"] = b => (b.Json(j => j.Remove("entry")), "Bundle.entry", ["no entries"]),
        ["a resource type FHIR does not have"] = b => (b.Json(j => Entry(j, 4)["resource"] = new JsonObject { ["resourceType"] = "Tube", ["id"] = "x" }),
            "Bundle.entry[4].resource", [Url(b, 4), "unknown resource type 'Tube'"]),
        ["a resource type Lims does not take"] = b => (b.Json(j => Entry(j, 5)["resource"] = new JsonObject
            {
                ["resourceType"] = "Observation", ["status"] = "final", ["code"] = new JsonObject { ["text"] = "x" },
            }), "Bundle.entry[5]", [Url(b, 5), "Observation"]),
        ["a parent pointing at nothing"] = b => (b.Json(j => Resource(j, 4)["parent"]![1]!["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000001"),
            "Bundle.entry[4].resource.parent[1]", [Url(b, 4), "urn:uuid:00000000-0000-0000-0000-000000000001", "points at nothing"]),
        ["a swab's subject pointing at nothing"] = b => (b.Json(j => Resource(j, 3)["subject"]!["reference"] = "Patient/unknown"),
            "Bundle.entry[3].resource.subject", [Url(b, 3), "Patient/unknown", "points at nothing"]),
        ["a single tube's subject pointing at a Specimen"] = b => (b.Json(j => Resource(j, 7)["subject"]!["reference"] = Url(b, 1)),
            "Bundle.entry[7].resource.subject", [Url(b, 7), "not a Patient"]),
        ["an order for a Specimen not in the Bundle"] = b => (b.Json(j => Resource(j, 8)["specimen"]![0]!["reference"] = "Specimen/elsewhere"),
            "Bundle.entry[8].resource.specimen[0]", [Url(b, 8), "Specimen/elsewhere", "points at nothing"]),
        ["an order for a person not in the tube"] = b => (b.Json(j => Resource(j, 8)["subject"] = new JsonObject { ["reference"] = Url(b, 0) }),
            "Bundle.entry[8].resource.subject", [Url(b, 8), Url(b, 0), "not a person in the tube"]),
        ["a Patient in no tube"] = b => (b.Json(j =>
            {
                var stray = JsonNode.Parse(Entry(j, 0).ToJsonString())!.AsObject();
                stray["fullUrl"] = "urn:uuid:00000000-0000-0000-0000-000000000003";
                j["entry"]!.AsArray().Add(stray);
            }), "Bundle.entry[9]", ["urn:uuid:00000000-0000-0000-0000-000000000003", "no Specimen"]),
        ["a swab in two pools"] = b => (b.Json(j =>
            {
                var second = JsonNode.Parse(Entry(j, 4).ToJsonString())!.AsObject();
                second["fullUrl"] = "urn:uuid:00000000-0000-0000-0000-000000000002";
                second["resource"]!["container"]![0]!["identifier"]![0]!["value"] = "OTHERPOOL";
                j["entry"]!.AsArray().Add(second);
            }), "Bundle.entry[9].resource.parent[0]", ["urn:uuid:00000000-0000-0000-0000-000000000002", Url(b, 1), "already in the pooled Specimen"]),
        ["an update, not a create"] = b => (b.Json(j => Entry(j, 6)["request"]!["method"] = "PUT"), "Bundle.entry[6].request", [Url(b, 6), "POST", "PUT"]),
        ["a priority FHIR does not have"] = b => (b.Json(j => Resource(j, 5)["priority"] = "whenever"), "Bundle.entry[5].resource.priority", [Url(b, 5), "whenever"]),
        ["an element FHIR does not have"] = b => (b.Json(j => Resource(j, 7)["barcode"] = "X"), "Bundle.entry[7].resource.barcode", [Url(b, 7), "unknown element 'barcode'"]),
        ["a draft order"] = b => (b.Json(j => Resource(j, 8)["status"] = "draft"), "Bundle.entry[8].resource.status", [Url(b, 8), "'draft'", "active"]),
    };

    [Theory]
    [MemberData(nameof(BrokenBundles))]
    public async Task A_broken_bundle_is_a_400_naming_the_entry_and_the_problem_and_writes_nothing(string broken)
    {
        var client = await api.ClientForNewSubmitterAsync();
        var bundle = new BundleBuilder();
        var pool = NewBarcode();
        var single = NewBarcode();
        bundle.Pool(pool, people: 2);
        bundle.Single(single);
        var (body, key, says) = Broken[broken](bundle);
        var before = await api.CountRowsAsync();

        var response = await client.SendAsync(BundleBuilder.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var messages), $"no error under {key}: {errors}");
        var message = string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
        Assert.All(says, s => Assert.Contains(s, message, StringComparison.Ordinal));
        Assert.Equal(before, await api.CountRowsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tubes/{pool}")).StatusCode);
    }

    [Fact]
    public async Task The_example_bundle_of_the_readme_registers_its_two_tubes()
    {
        var client = await api.ClientForNewSubmitterAsync();
        var (pool, single) = (NewBarcode(), NewBarcode());
        var json = File.ReadAllText(FhirExample.Path).Replace(FhirExample.PoolBarcode, pool, StringComparison.Ordinal)
            .Replace(FhirExample.SingleBarcode, single, StringComparison.Ordinal);

        var answer = await BundleBuilder.AnswerAsync(await client.SendAsync(BundleBuilder.Post(json)));

        Assert.All(answer.Entry, e => Assert.Equal("201 Created", e.Response!.Status));
        var tube = await (await client.GetAsync($"/api/v1/tubes/{pool}")).JsonAsync();
        Assert.Equal(2, tube.GetProperty("members").GetArrayLength());
        Assert.Equal("Collection site 7", tube.GetProperty("site").GetString());
        Assert.Equal("emergency", (await (await client.GetAsync($"/api/v1/tubes/{single}")).JsonAsync()).GetProperty("priority").GetString());
    }

    private static string Url(BundleBuilder b, int entry) => b.Build().Entry[entry].FullUrl!;

    private static JsonObject Entry(JsonObject bundle, int entry) => bundle["entry"]![entry]!.AsObject();

    private static JsonObject Resource(JsonObject bundle, int entry) => Entry(bundle, entry)["resource"]!.AsObject();
}

public sealed class SqliteFhirBatchTests(SqliteApi fixture) : FhirBatchTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlFhirBatchTests(PostgreSqlApi fixture) : FhirBatchTests(fixture.Api), IClassFixture<PostgreSqlApi>;

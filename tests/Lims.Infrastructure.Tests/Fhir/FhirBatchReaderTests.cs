using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Lims.Application.Abstractions;
using Lims.Application.Features.Batches;
using Lims.Infrastructure.Fhir;

namespace Lims.Infrastructure.Tests.Fhir;

/// <summary>The example Bundle of the README, and how a Bundle is read into tubes (no database).</summary>
public sealed class FhirBatchReaderTests
{
    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "Fhir", "Samples", "transaction-bundle.json");

    private static readonly FhirBatchReader Reader = new();

    private static BatchRequest Read(string json) => Reader.Read(System.Text.Encoding.UTF8.GetBytes(json)).Batch;

    [Fact]
    public void The_example_bundle_is_valid_fhir_r4_by_the_sdk_s_own_parser_and_validator()
    {
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(File.ReadAllText(ExamplePath));

        Assert.Empty(bundle.Validate());
        Assert.Equal(Bundle.BundleType.Transaction, bundle.Type);
        Assert.Equal(9, bundle.Entry.Count);
    }

    [Fact]
    public void The_example_bundle_reads_as_a_pool_of_two_and_a_single_tube()
    {
        var batch = Read(File.ReadAllText(ExamplePath));

        Assert.Equal("site 7, morning", batch.Reference);
        Assert.Equal(2, batch.Tubes!.Count);
        var pool = batch.Tubes[0]!;
        Assert.Equal(("TB00000011", "pooled", 10, "Collection site 7", "screening"), (pool.Barcode, pool.Kind, pool.Capacity, pool.Site, pool.Priority));
        Assert.Equal("2026-11-23T07:00:00+08:00", pool.CollectedAt); // as sent: the batch rules check its offset
        Assert.Equal(
            [new MemberRequest("cn-resident", "11010519491231002X", "Zhang San", "13800138000"), new MemberRequest("cn-resident", "310115198001011238", "Li Si", null)],
            pool.Members);
        var single = batch.Tubes[1]!;
        Assert.Equal(("TB00000012", "single", null, "Fever clinic", "emergency"), (single.Barcode, single.Kind, single.Capacity, single.Site, single.Priority));
        Assert.Equal([new MemberRequest("passport", "E12345678", "Wang Wu", null)], single.Members);
    }

    [Fact]
    public void Missing_values_are_left_to_the_batch_rules_of_that_tube()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        void Add(string url, Resource r) => bundle.Entry.Add(new() { FullUrl = url, Resource = r, Request = new() { Method = Bundle.HTTPVerb.POST, Url = r.TypeName } });
        Add("urn:uuid:00000000-0000-0000-0000-00000000000a", new Patient { Identifier = [new Identifier("https://hospital.example/mrn", "7")] });
        Add("urn:uuid:00000000-0000-0000-0000-00000000000b", new Specimen { Subject = new ResourceReference("urn:uuid:00000000-0000-0000-0000-00000000000a") });
        Add("urn:uuid:00000000-0000-0000-0000-00000000000c", new Specimen { Note = [new Annotation { Text = "a swab, whose?" }] });
        Add("urn:uuid:00000000-0000-0000-0000-00000000000d", new Specimen
        {
            Parent = [new ResourceReference("urn:uuid:00000000-0000-0000-0000-00000000000b"), new ResourceReference("Specimen/swab-c")],
        });
        bundle.Entry[2].Resource!.Id = "swab-c"; // reached by its type and id
        Add("urn:uuid:00000000-0000-0000-0000-00000000000e", new Specimen { Note = [new Annotation { Text = "a tube of nobody" }] });

        var batch = Read(FhirJson.Serialize(bundle));

        Assert.Equal(2, batch.Tubes!.Count);
        var pool = batch.Tubes[0]!;
        Assert.Equal(("pooled", null, null, null, null, null), (pool.Kind, pool.Barcode, pool.Capacity, pool.CollectedAt, pool.Site, pool.Priority));
        // An identifier in no system Lims knows gives no id: it is the hospital's own patient id, echoed with the results.
        Assert.Equal([new MemberRequest(null, null, null, null, "7", "https://hospital.example/mrn"), null], pool.Members);
        var nobody = batch.Tubes[1]!;
        Assert.Equal("single", nobody.Kind);
        Assert.Empty(nobody.Members!);
    }

    [Fact]
    public void Orders_of_one_tube_naming_two_sites_are_refused()
    {
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(File.ReadAllText(ExamplePath));
        var second = (ServiceRequest)bundle.Entry[5].Resource!.DeepCopy();
        second.LocationReference = [new ResourceReference { Display = "Collection site 8" }];
        bundle.Entry.Add(new() { FullUrl = "urn:uuid:00000000-0000-0000-0000-0000000000ff", Resource = second, Request = new() { Method = Bundle.HTTPVerb.POST, Url = "ServiceRequest" } });

        var e = Assert.Throws<RequestValidationException>(() => Read(FhirJson.Serialize(bundle)));

        var message = Assert.Single(e.Errors["Bundle.entry[4]"]);
        Assert.Contains("'Collection site 7'", message, StringComparison.Ordinal);
        Assert.Contains("'Collection site 8'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_a_hundred_problems_the_rest_are_counted()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        for (var i = 0; i < 150; i++)
            bundle.Entry.Add(new() { Resource = new Specimen { Subject = new ResourceReference($"Patient/p{i}") }, Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Specimen" } });

        var e = Assert.Throws<RequestValidationException>(() => Read(FhirJson.Serialize(bundle)));

        Assert.Equal(FhirBatchReader.MaxProblems, e.Errors.Where(x => x.Key != "Bundle").Sum(x => x.Value.Length));
        Assert.Equal("50 more problems are not listed.", Assert.Single(e.Errors["Bundle"]));
    }

    [Theory]
    [InlineData("https://lims.example.org/fhir/sid/cn-resident", "cn-resident")]
    [InlineData("http://hl7.org/fhir/sid/passport-CHN", "passport")]
    [InlineData("http://hl7.org/fhir/sid/passport-USA", "passport")]
    [InlineData("https://lims.example.org/fhir/sid/passport", "passport")]
    [InlineData("https://lims.example.org/fhir/sid/other", "other")]
    [InlineData("http://hl7.org/fhir/sid/passport-", null)]
    [InlineData("http://hl7.org/fhir/sid/passport-chn", null)]
    [InlineData("http://hl7.org/fhir/sid/us-ssn", null)]
    [InlineData(null, null)]
    public void Identifier_systems_map_to_id_types(string? system, string? idType) =>
        Assert.Equal(idType, FhirBatchReader.IdType(system));

    [Theory]
    [InlineData(RequestPriority.Stat, "emergency")]
    [InlineData(RequestPriority.Asap, "emergency")]
    [InlineData(RequestPriority.Urgent, "routine")]
    [InlineData(RequestPriority.Routine, "screening")]
    [InlineData(null, "screening")]
    public void Request_priorities_map_to_lims_priorities(RequestPriority? priority, string expected) =>
        Assert.Equal(expected, FhirBatchReader.PriorityOf(priority));
}

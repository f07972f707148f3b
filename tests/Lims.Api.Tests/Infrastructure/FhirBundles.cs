using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Lims.Infrastructure.Fhir;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Builds FHIR transaction Bundles of batches, as a hospital's system would send them.</summary>
public sealed class BundleBuilder
{
    private readonly Bundle _bundle = new() { Type = Bundle.BundleType.Transaction, Identifier = new Identifier(FhirSystems.Rfc3986, $"urn:uuid:{Guid.NewGuid()}") };

    public static readonly DateTimeOffset Collected = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public int Count => _bundle.Entry.Count;

    /// <summary>Adds a resource as a POST entry with a new urn:uuid fullUrl; answers the fullUrl.</summary>
    public string Add(Resource resource)
    {
        var url = $"urn:uuid:{Guid.NewGuid()}";
        _bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = url,
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
        });
        return url;
    }

    public int IndexOf(string fullUrl) => _bundle.Entry.FindIndex(e => e.FullUrl == fullUrl);

    public T Resource<T>(string fullUrl) where T : Resource => (T)_bundle.Entry[IndexOf(fullUrl)].Resource!;

    public string Patient(int person, string? name = null, string system = FhirSystems.CnResident, string? number = null) => Add(new Patient
    {
        Identifier = [new Identifier(system, number ?? ResidentId(person))],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = "Person", Given = [name ?? person.ToString(System.Globalization.CultureInfo.InvariantCulture)] }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "13800138000")],
    });

    /// <summary>A member's swab: a Specimen whose subject is the Patient.</summary>
    public string Swab(string patient) => Add(new Specimen { Subject = new ResourceReference(patient) });

    public string PooledTube(string barcode, IEnumerable<string> swabs, int? capacity = 10, DateTimeOffset? collected = null) => Add(new Specimen
    {
        Container = [new Specimen.ContainerComponent
        {
            Identifier = [new Identifier("https://hospital.example/tubes", barcode)],
            Capacity = capacity is { } c ? new Quantity { Value = c, Unit = "swab", System = FhirSystems.Ucum, Code = "{swab}" } : null,
        }],
        Collection = new Specimen.CollectionComponent { Collected = new FhirDateTime(collected ?? Collected) },
        Parent = [.. swabs.Select(s => new ResourceReference(s))],
    });

    public string SingleTube(string barcode, string patient, DateTimeOffset? collected = null) => Add(new Specimen
    {
        Subject = new ResourceReference(patient),
        Container = [new Specimen.ContainerComponent { Identifier = [new Identifier("https://hospital.example/tubes", barcode)] }],
        Collection = new Specimen.CollectionComponent { Collected = new FhirDateTime(collected ?? Collected) },
    });

    public string Order(string specimen, RequestPriority? priority = RequestPriority.Routine, string? site = "Collection site 7", string? subject = null) => Add(new ServiceRequest
    {
        Status = RequestStatus.Active,
        Intent = RequestIntent.Order,
        Priority = priority,
        Code = new CodeableConcept(FhirSystems.Loinc, FhirCodes.SarsCov2RnaPresence),
        Subject = subject is null ? new ResourceReference { Display = "the people of the tube" } : new ResourceReference(subject),
        Specimen = [new ResourceReference(specimen)],
        LocationReference = site is null ? [] : [new ResourceReference { Display = site }],
    });

    /// <summary>A pooled tube of <paramref name="people"/> with one order; answers the tube Specimen's fullUrl.</summary>
    public string Pool(string barcode, int people, RequestPriority? priority = RequestPriority.Routine, int firstPerson = 0)
    {
        firstPerson = firstPerson == 0 ? Random.Shared.Next(1, 1_000_000) : firstPerson;
        var swabs = Enumerable.Range(firstPerson, people).Select(p => Swab(Patient(p))).ToList();
        var tube = PooledTube(barcode, swabs);
        Order(tube, priority);
        return tube;
    }

    /// <summary>A single tube with its Patient and one order; answers the tube Specimen's fullUrl.</summary>
    public string Single(string barcode, RequestPriority? priority = RequestPriority.Routine, int person = 0)
    {
        var tube = SingleTube(barcode, Patient(person == 0 ? Random.Shared.Next(1, 1_000_000) : person));
        Order(tube, priority);
        return tube;
    }

    public string Reference => _bundle.Identifier!.Value!;

    public Bundle Build() => _bundle;

    public string Json() => FhirJson.Serialize(_bundle);

    /// <summary>The JSON, changed by hand (for what the FHIR model would not let us build).</summary>
    public string Json(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Json())!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    public static HttpRequestMessage Post(string json, string? idempotencyKey = null, string contentType = FhirJson.MediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/fhir") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>The answer parsed by the FHIR SDK's strict parser (which also validates it).</summary>
    public static async Task<Bundle> AnswerAsync(HttpResponseMessage response) =>
        FhirJson.Parser.Deserialize<Bundle>(await response.Content.ReadAsStringAsync());
}

/// <summary>The example transaction Bundle shown in the README (a pool of two and a single tube).</summary>
public static class FhirExample
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Samples", "transaction-bundle.json");

    public const string PoolBarcode = "TB00000011";
    public const string SingleBarcode = "TB00000012";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Lims.Application.Features.Results;
using Microsoft.AspNetCore.Http;

namespace Lims.Infrastructure.Fhir;

/// <summary>
/// Released results as FHIR R4. For every person with a final result (positive or negative) a <b>DiagnosticReport</b>
/// (status final, LOINC 94500-6, subject the Patient, specimen the tube, effective = collection time, issued = release
/// time, performer and resultsInterpreter the reviewers) whose <c>result</c> is the qualitative <b>Observation</b>
/// (LOINC 94500-6, SNOMED CT 260373001 Detected / 260415000 Not detected) and one <b>Observation</b> per target of the
/// kit with its Ct (<c>valueQuantity</c> in UCUM <c>{Ct_value}</c>; a target that did not amplify has no value but
/// <c>dataAbsentReason</c> not-applicable). A member of a positive pool (<c>recall-required</c>) gets a DiagnosticReport
/// with status <b>preliminary</b>, no qualitative Observation, and the conclusion "SARS-CoV-2 RNA detected in the pooled
/// sample: recollect a single sample from this person" (the Ct Observations of the pool as its results): something the
/// hospital can act on; their own result follows as a final report of their single tube. The <b>Patient</b> carries only
/// the masked id and name, <c>TUBE/position</c>, and the submitter's own patient id when it sent one (its system, or
/// Lims's <c>submitter-patient-id</c>); the <b>Specimen</b> is the tube, its barcode in <c>container.identifier</c>. Reviewers are
/// logical references (identifier = user name). Every id is derived from the result id, so the same result always
/// gives the same resources.
/// </summary>
public static class FhirResults
{
    /// <summary>
    /// A searchset Bundle of a page of released tubes: the DiagnosticReports (<c>search.mode</c> match) and the
    /// Patients, Specimens and Observations they refer to (include), each with a <c>urn:uuid:</c> fullUrl.
    /// </summary>
    /// <param name="selfUrl">The request's URL, as <c>link</c> self.</param>
    /// <param name="nextUrl">The next page's URL (e.g. <c>?after=</c> the last cursor), as <c>link</c> next.</param>
    public static Bundle ToBundle(IReadOnlyList<TubeResultView> tubes, string? selfUrl = null, string? nextUrl = null)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        if (selfUrl is not null) bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = selfUrl });
        if (nextUrl is not null) bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = nextUrl });
        foreach (var resource in tubes.SelectMany(ToResources))
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = UrlOf(resource),
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = resource is DiagnosticReport ? Bundle.SearchEntryMode.Match : Bundle.SearchEntryMode.Include },
            });
        return bundle;
    }

    /// <summary><see cref="ToBundle"/> as FHIR JSON.</summary>
    public static string ToJson(IReadOnlyList<TubeResultView> tubes, string? selfUrl = null, string? nextUrl = null) =>
        FhirJson.Serialize(ToBundle(tubes, selfUrl, nextUrl));

    /// <summary><see cref="ToBundle"/> as an HTTP answer: 200, <c>application/fhir+json</c>.</summary>
    public static IResult ToResult(IReadOnlyList<TubeResultView> tubes, string? selfUrl = null, string? nextUrl = null) =>
        Results.Bytes(FhirJson.SerializeToBytes(ToBundle(tubes, selfUrl, nextUrl)), FhirJson.MediaType + "; charset=utf-8");

    /// <summary>
    /// The resources of one released tube: its Specimen and Ct Observations, then per person the Patient, and the
    /// qualitative Observation with the final DiagnosticReport — or, for a member of a positive pool, the preliminary one.
    /// </summary>
    public static IReadOnlyList<Resource> ToResources(TubeResultView tube)
    {
        var final = tube.People.Where(p => IsFinal(p.Result) || p.Result == PersonResults.RecallRequired).ToList();
        if (final.Count == 0) return [];

        var pooled = tube.TubeKind == "pooled";
        var resources = new List<Resource>();
        var specimen = new Specimen
        {
            Id = Id(tube, "specimen"),
            Container = [new Specimen.ContainerComponent
            {
                Identifier = [new Identifier(FhirSystems.TubeBarcode, tube.TubeBarcode)],
                Capacity = pooled ? new Quantity { Value = tube.Capacity, Unit = "swab", System = FhirSystems.Ucum, Code = "{swab}" } : null,
            }],
            Collection = new Specimen.CollectionComponent { Collected = new FhirDateTime(tube.CollectedAt) },
            Note = pooled ? [new Annotation { Text = $"Pooled tube of up to {tube.Capacity} swabs." }] : [],
        };
        resources.Add(specimen);

        // A single tube's Cts are its person's; a pool's are the tube's, shared by every member's report.
        var singlePatient = pooled ? null : Patient(tube, final[0]);
        var reviewers = tube.Reviewers.Select(Reviewer).ToList();
        var method = new CodeableConcept { Text = $"RT-PCR, kit {tube.KitCode} {tube.KitVersion}" };
        var cts = tube.Targets.Select(target => CtObservation(tube, target, specimen, singlePatient, reviewers, method)).ToList();
        resources.AddRange(cts);

        foreach (var person in final)
        {
            var patient = singlePatient ?? Patient(tube, person);
            if (!IsFinal(person.Result))
            {
                resources.Add(patient);
                resources.Add(RecollectionReport(tube, person, patient, specimen, reviewers, cts));
                continue;
            }
            var detected = person.Result == PersonResults.Positive;
            var value = Concept(FhirSystems.SnomedCt, detected ? FhirCodes.Detected : FhirCodes.NotDetected, detected ? "Detected" : "Not detected");
            var observation = new Observation
            {
                Id = Id(tube, "observation", person.Position),
                Status = ObservationStatus.Final,
                Category = [Laboratory()],
                Code = SarsCov2(),
                Subject = Ref(patient),
                Effective = new FhirDateTime(tube.CollectedAt),
                Issued = tube.ReleasedAt,
                Performer = [.. reviewers],
                Value = value,
                Method = method,
                Specimen = Ref(specimen),
                DerivedFrom = [.. cts.Select(Ref)],
                Note = pooled && !detected ? [new Annotation { Text = $"From pooled tube {tube.TubeBarcode}, negative: every member of a negative pool is negative." }] : [],
            };
            var report = new DiagnosticReport
            {
                Id = Id(tube, "report", person.Position),
                Identifier = [new Identifier(FhirSystems.Result, $"{tube.ResultId}/{person.Position.ToString(CultureInfo.InvariantCulture)}")],
                Status = DiagnosticReport.DiagnosticReportStatus.Final,
                Category = [Concept(FhirSystems.DiagnosticServiceSection, "LAB", "Laboratory")],
                Code = SarsCov2(),
                Subject = Ref(patient),
                Effective = new FhirDateTime(tube.CollectedAt),
                Issued = tube.ReleasedAt,
                Performer = [.. reviewers],
                ResultsInterpreter = [.. reviewers],
                Specimen = [Ref(specimen)],
                Result = [Ref(observation), .. cts.Select(Ref)],
                Conclusion = detected ? "SARS-CoV-2 RNA detected." : "SARS-CoV-2 RNA not detected.",
                ConclusionCode = [value],
            };
            if (singlePatient is null) resources.Add(patient);
            resources.Add(observation);
            resources.Add(report);
        }
        if (singlePatient is not null) resources.Insert(1, singlePatient);
        return resources;
    }

    /// <summary>A member of a positive pool: preliminary, the pool's Cts, and what to do — recollect a single sample.</summary>
    private static DiagnosticReport RecollectionReport(
        TubeResultView tube, PersonResultView person, Patient patient, Specimen specimen, List<ResourceReference> reviewers, List<Observation> cts) => new()
    {
        Id = Id(tube, "report", person.Position),
        Identifier = [new Identifier(FhirSystems.Result, $"{tube.ResultId}/{person.Position.ToString(CultureInfo.InvariantCulture)}")],
        Status = DiagnosticReport.DiagnosticReportStatus.Preliminary,
        Category = [Concept(FhirSystems.DiagnosticServiceSection, "LAB", "Laboratory")],
        Code = SarsCov2(),
        Subject = Ref(patient),
        Effective = new FhirDateTime(tube.CollectedAt),
        Issued = tube.ReleasedAt,
        Performer = [.. reviewers],
        ResultsInterpreter = [.. reviewers],
        Specimen = [Ref(specimen)],
        Result = [.. cts.Select(Ref)],
        Conclusion = $"SARS-CoV-2 RNA detected in pooled tube {tube.TubeBarcode}: recollect a single sample from this person "
            + "(the recall case names the tube ordered for them); their own result follows as a final report.",
    };

    private static bool IsFinal(string result) => result switch
    {
        PersonResults.Positive or PersonResults.Negative => true,
        PersonResults.RecallRequired => false,
        _ => throw new ArgumentException($"Unknown person result '{result}'.", nameof(result)),
    };

    private static Patient Patient(TubeResultView tube, PersonResultView person) => new()
    {
        Id = Id(tube, "patient", person.Position),
        Identifier =
        [
            new Identifier(FhirSystems.MaskedPersonId, person.MaskedId),
            new Identifier(FhirSystems.TubeMember, $"{tube.TubeBarcode}/{person.Position.ToString(CultureInfo.InvariantCulture)}"),
            .. person.PatientId is { } own ? [new Identifier(person.PatientIdSystem ?? FhirSystems.SubmitterPatientId, own)] : Array.Empty<Identifier>(),
        ],
        Name = [new HumanName { Text = person.MaskedName }],
    };

    private static Observation CtObservation(
        TubeResultView tube, TargetCtView target, Specimen specimen, Patient? patient, List<ResourceReference> reviewers, CodeableConcept method) => new()
    {
        Id = Id(tube, "ct", target.Target),
        Status = ObservationStatus.Final,
        Category = [Laboratory()],
        Code = Concept(FhirSystems.AssayTarget, target.Target, $"{target.Target} Ct", $"{target.Target} Ct"),
        Subject = patient is null ? null : Ref(patient),
        Effective = new FhirDateTime(tube.CollectedAt),
        Issued = tube.ReleasedAt,
        Performer = [.. reviewers],
        Value = target.Ct is { } ct
            ? new Quantity { Value = (decimal)ct, Unit = FhirCodes.CtUnit, System = FhirSystems.Ucum, Code = FhirCodes.CtUnit }
            : null,
        DataAbsentReason = target.Ct is null
            ? Concept(FhirSystems.DataAbsentReason, "not-applicable", "Not Applicable", "No amplification: no Ct (undetermined).")
            : null,
        Method = method,
        Specimen = Ref(specimen),
        Note = [new Annotation { Text = $"Plate {tube.PlateBarcode}, well {tube.Well}." }],
    };

    private static ResourceReference Reviewer(ReviewerView reviewer) => new()
    {
        Type = "Practitioner",
        Identifier = new Identifier(FhirSystems.User, reviewer.User),
        Display = $"{reviewer.User} ({reviewer.Role}, {reviewer.Meaning}, signed {reviewer.SignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})",
    };

    private static CodeableConcept SarsCov2() =>
        Concept(FhirSystems.Loinc, FhirCodes.SarsCov2RnaPresence, FhirCodes.SarsCov2RnaPresenceDisplay);

    private static CodeableConcept Laboratory() => Concept(FhirSystems.ObservationCategory, "laboratory", "Laboratory");

    /// <remarks>Not the SDK's three-argument constructor, which takes the third argument as the text, not the display.</remarks>
    private static CodeableConcept Concept(string system, string code, string display, string? text = null) =>
        new() { Coding = [new Coding(system, code, display)], Text = text };

    private static ResourceReference Ref(Resource resource) => new(UrlOf(resource));

    private static string UrlOf(Resource resource) => $"urn:uuid:{resource.Id}";

    /// <summary>A name-based UUID (RFC 9562 version 8, SHA-256) of the result id and the resource's part in it.</summary>
    private static string Id(TubeResultView tube, string kind, object? part = null)
    {
        var name = Encoding.UTF8.GetBytes($"lims-fhir-result/{tube.ResultId:D}/{kind}/{Convert.ToString(part, CultureInfo.InvariantCulture)}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }
}

using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Lims.Application.Features.Results;
using Lims.Infrastructure.Fhir;

namespace Lims.Infrastructure.Tests.Fhir;

/// <summary>
/// Released results as FHIR: serialized by us, parsed back by the SDK's strict parser, validated by the SDK's
/// validator, and checked code by code.
/// </summary>
public sealed class FhirResultsTests
{
    private static readonly DateTimeOffset Collected = new(2026, 11, 23, 7, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Released = new(2026, 11, 23, 18, 30, 0, TimeSpan.Zero);

    private static readonly ReviewerView[] Reviewers =
    [
        new("li.na", "first-reviewer", "reviewed", new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero)),
        new("chen.jie", "second-reviewer", "approved", new DateTimeOffset(2026, 11, 23, 18, 25, 0, TimeSpan.Zero)),
    ];

    private static TubeResultView NegativePool() => new(
        41, Guid.Parse("0d9c4c64-5b7b-4c53-9f5e-16a4d0b0a001"), Guid.NewGuid(), "TB00000001", "pooled", 10, "Collection site 7", "screening",
        Collected, Released, "negative", "cn-orf1ab-n", "1", "P0001", "A1",
        [new TargetCtView("ORF1ab", null), new TargetCtView("N", null), new TargetCtView("IC", 28.13)],
        Reviewers,
        [
            new PersonResultView(1, "1101**********002X", "Z********", PersonResults.Negative),
            new PersonResultView(2, "3101**********1238", "L*****", PersonResults.Negative),
            new PersonResultView(3, "4403**********4563", "W******", PersonResults.Negative),
        ]);

    private static TubeResultView PositiveSingle() => new(
        42, Guid.Parse("0d9c4c64-5b7b-4c53-9f5e-16a4d0b0a002"), Guid.NewGuid(), "RC000000017", "single", 1, "Fever clinic", "emergency",
        Collected, Released, "positive", "cn-orf1ab-n", "1", "P0002", "B7",
        [new TargetCtView("ORF1ab", 24.37), new TargetCtView("N", 22.9), new TargetCtView("IC", 27.5)],
        Reviewers,
        [new PersonResultView(1, "1101**********002X", "Z********", PersonResults.Positive)]);

    private static TubeResultView PositivePool() => NegativePool() with
    {
        Cursor = 43, ResultId = Guid.NewGuid(), TubeBarcode = "TB00000003", Call = "positive",
        Targets = [new TargetCtView("ORF1ab", 31.2), new TargetCtView("N", 30.4), new TargetCtView("IC", 28.0)],
        People = [.. NegativePool().People.Select(p => p with { Result = PersonResults.RecallRequired })],
    };

    /// <summary>Our JSON, parsed back by the SDK (strict: every error reported) and validated by its validator.</summary>
    private static Bundle RoundTrip(IReadOnlyList<TubeResultView> tubes)
    {
        var json = FhirResults.ToJson(tubes, "/api/v1/fhir/DiagnosticReport?after=40", "/api/v1/fhir/DiagnosticReport?after=43");
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(json);
        Assert.Empty(bundle.Validate());
        return bundle;
    }

    private static T Resolve<T>(Bundle bundle, ResourceReference reference) where T : Resource =>
        Assert.IsType<T>(Assert.Single(bundle.Entry, e => e.FullUrl == reference.Reference).Resource);

    [Fact]
    public void A_negative_pool_gives_every_member_a_final_report_not_detected_with_the_tube_and_its_cts()
    {
        var bundle = RoundTrip([NegativePool()]);

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(["self", "next"], bundle.Link.Select(l => l.Relation));
        Assert.Equal("/api/v1/fhir/DiagnosticReport?after=43", bundle.Link[1].Url);
        var reports = bundle.Entry.Where(e => e.Resource is DiagnosticReport).ToList();
        Assert.Equal(3, reports.Count);
        Assert.All(reports, e => Assert.Equal(Bundle.SearchEntryMode.Match, e.Search!.Mode));
        Assert.All(bundle.Entry.Where(e => e.Resource is not DiagnosticReport), e => Assert.Equal(Bundle.SearchEntryMode.Include, e.Search!.Mode));
        Assert.All(bundle.Entry, e => Assert.Equal($"urn:uuid:{e.Resource!.Id}", e.FullUrl));

        var positions = new List<string>();
        foreach (var report in reports.Select(e => (DiagnosticReport)e.Resource!))
        {
            Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, report.Status);
            var code = Assert.Single(report.Code!.Coding);
            Assert.Equal(("http://loinc.org", "94500-6", FhirCodes.SarsCov2RnaPresenceDisplay), (code.System, code.Code, code.Display));
            Assert.Equal(("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB"), (report.Category[0].Coding[0].System, report.Category[0].Coding[0].Code));
            Assert.Equal(Collected, Assert.IsType<FhirDateTime>(report.Effective).ToDateTimeOffset(TimeSpan.Zero));
            Assert.Equal(Released, report.Issued);
            Assert.Equal(["li.na", "chen.jie"], report.ResultsInterpreter.Select(r => r.Identifier!.Value));
            Assert.Equal(["li.na", "chen.jie"], report.Performer.Select(r => r.Identifier!.Value));
            Assert.Equal("li.na (first-reviewer, reviewed, signed 2026-11-23T18:00:00Z)", report.ResultsInterpreter[0].Display);
            Assert.All(report.Performer, r => Assert.Equal("https://lims.example.org/fhir/sid/user", r.Identifier!.System));
            Assert.Equal("260415000", Assert.Single(Assert.Single(report.ConclusionCode).Coding).Code);

            var patient = Resolve<Patient>(bundle, report.Subject!);
            Assert.Equal(Assert.Single(patient.Name).Text, NegativePool().People.Single(p => p.MaskedId == patient.Identifier[0].Value).MaskedName);
            Assert.Equal("https://lims.example.org/fhir/sid/masked-person-id", patient.Identifier[0].System);
            positions.Add(patient.Identifier[1].Value!);

            var specimen = Resolve<Specimen>(bundle, Assert.Single(report.Specimen));
            var container = Assert.Single(specimen.Container);
            Assert.Equal("TB00000001", Assert.Single(container.Identifier).Value);
            Assert.Equal(10m, container.Capacity!.Value);
            Assert.Equal(Collected, Assert.IsType<FhirDateTime>(specimen.Collection!.Collected).ToDateTimeOffset(TimeSpan.Zero));

            Assert.Equal(4, report.Result.Count);
            var call = Resolve<Observation>(bundle, report.Result[0]);
            Assert.Equal(ObservationStatus.Final, call.Status);
            Assert.Equal("94500-6", Assert.Single(call.Code!.Coding).Code);
            var value = Assert.Single(Assert.IsType<CodeableConcept>(call.Value).Coding);
            Assert.Equal(("http://snomed.info/sct", "260415000", "Not detected"), (value.System, value.Code, value.Display));
            Assert.Equal(report.Subject!.Reference, call.Subject!.Reference);
            Assert.Equal(Released, call.Issued);

            var cts = report.Result.Skip(1).Select(r => Resolve<Observation>(bundle, r)).ToList();
            Assert.Equal(["ORF1ab", "N", "IC"], cts.Select(o => o.Code!.Coding[0].Code));
            Assert.All(cts.Take(2), o =>
            {
                Assert.Null(o.Value);
                Assert.Equal("not-applicable", Assert.Single(o.DataAbsentReason!.Coding).Code);
            });
            var ic = Assert.IsType<Quantity>(cts[2].Value);
            Assert.Equal((28.13m, "{Ct_value}", "http://unitsofmeasure.org", "{Ct_value}"), (ic.Value, ic.Unit, ic.System, ic.Code));
            Assert.All(cts, o => Assert.Null(o.Subject)); // a pool's Cts are the tube's, not one person's
        }
        Assert.Equal(["TB00000001/1", "TB00000001/2", "TB00000001/3"], positions.Order());
        // One Specimen and one set of Ct Observations for the tube, shared by the three reports.
        Assert.Single(bundle.Entry, e => e.Resource is Specimen);
        Assert.Equal(3 + 3, bundle.Entry.Count(e => e.Resource is Observation));
    }

    [Fact]
    public void A_positive_single_tube_gives_one_report_detected_with_its_person_and_cts()
    {
        var bundle = RoundTrip([PositiveSingle()]);

        var report = (DiagnosticReport)Assert.Single(bundle.Entry, e => e.Resource is DiagnosticReport).Resource!;
        var value = Assert.Single(Assert.IsType<CodeableConcept>(Resolve<Observation>(bundle, report.Result[0]).Value).Coding);
        Assert.Equal(("260373001", "Detected"), (value.Code, value.Display));
        Assert.Equal("SARS-CoV-2 RNA detected.", report.Conclusion);
        var cts = report.Result.Skip(1).Select(r => Resolve<Observation>(bundle, r)).ToList();
        Assert.Equal([24.37m, 22.9m, 27.5m], cts.Select(o => Assert.IsType<Quantity>(o.Value).Value!.Value));
        Assert.All(cts, o => Assert.Equal(report.Subject!.Reference, o.Subject!.Reference));
        Assert.Equal("RC000000017", Resolve<Specimen>(bundle, report.Specimen[0]).Container[0].Identifier[0].Value);
        Assert.Single(bundle.Entry, e => e.Resource is Patient);
    }

    [Fact]
    public void Members_of_a_positive_pool_get_a_preliminary_report_telling_to_recollect_a_single_sample()
    {
        var reports = FhirResults.ToResources(PositivePool()).OfType<DiagnosticReport>().ToList();
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, r.Status);
            Assert.Contains("recollect a single sample", r.Conclusion, StringComparison.Ordinal);
        });

        var bundle = RoundTrip([NegativePool(), PositivePool(), PositiveSingle()]);

        var all = bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().ToList();
        Assert.Equal((4, 3), (all.Count(r => r.Status == DiagnosticReport.DiagnosticReportStatus.Final), all.Count(r => r.Status == DiagnosticReport.DiagnosticReportStatus.Preliminary)));
        // No qualitative result for them: only the pool's Ct values.
        var preliminaryResults = all.Where(r => r.Status == DiagnosticReport.DiagnosticReportStatus.Preliminary).SelectMany(r => r.Result).Select(r => r.Reference).ToHashSet();
        var observations = bundle.Entry.Where(e => preliminaryResults.Contains(e.FullUrl)).Select(e => Assert.IsType<Observation>(e.Resource)).ToList();
        Assert.Equal(3, observations.Count);
        Assert.DoesNotContain(observations, o => o.Code.Coding.Exists(c => c.Code == "94500-6"));
    }

    [Fact]
    public void Every_reference_resolves_in_the_bundle_and_the_same_results_give_the_same_bundle()
    {
        var tubes = new[] { NegativePool(), PositiveSingle() };
        var bundle = RoundTrip(tubes);

        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.Equal(bundle.Entry.Count, urls.Count);
        var references = bundle.Entry.SelectMany(e => e.Resource switch
        {
            DiagnosticReport r => new[] { r.Subject! }.Concat(r.Specimen).Concat(r.Result),
            Observation o => new[] { o.Specimen! }.Concat(o.DerivedFrom).Concat(o.Subject is null ? [] : [o.Subject]),
            _ => [],
        }).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r.Reference, urls));

        Assert.Equal(FhirResults.ToJson(tubes), FhirResults.ToJson([NegativePool(), PositiveSingle()]));
    }

    [Fact]
    public void An_unknown_person_result_is_refused_rather_than_dropped()
    {
        var tube = NegativePool() with { People = [new PersonResultView(1, "1101**********002X", "Z********", "maybe")] };
        Assert.Throws<ArgumentException>(() => FhirResults.ToResources(tube));
    }

    [Fact]
    public void The_validator_used_here_does_find_a_broken_report()
    {
        // The round trip above proves something only if the SDK's validator catches what is wrong.
        var report = (DiagnosticReport)FhirResults.ToResources(PositiveSingle()).Single(r => r is DiagnosticReport);
        report.Code = null!;
        report.Status = null;
        Assert.Equal(2, report.Validate().Count);
    }
}

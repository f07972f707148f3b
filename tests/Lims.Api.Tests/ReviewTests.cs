using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Lims.Api.Tests.Infrastructure;
using Lims.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;
using FhirModel = Hl7.Fhir.Model;

namespace Lims.Api.Tests;

/// <summary>Staff sign-in, plate review with electronic signatures, release, and the submitter's pull of its results.</summary>
public abstract class ReviewTests(LimsApiFactory api)
{
    /// <summary>A plate (loaded and imported by a lab station) with one positive pool and two negative pools, awaiting review.</summary>
    private async Task<(HttpClient Hospital, HttpClient Lab, string Plate, string[] Pools)> ImportedPlateAsync()
    {
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(3);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        var import = await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative, RunFiles.Negative], RunFiles.Negative)));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        return (hospital, lab, plate, pools);
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Negatives_are_released_after_one_approval_and_positives_after_two_different_senior_reviewers()
    {
        var (hospital, _, plate, pools) = await ImportedPlateAsync();
        var reviewer = await api.StaffClientAsync("reviewer");
        var senior = await api.StaffClientAsync("senior-reviewer");
        var secondSenior = await api.StaffClientAsync("senior-reviewer");
        var otherReviewer = await api.StaffClientAsync("reviewer");

        var queue = await OkAsync(reviewer.Http.GetAsync("/api/v1/review/plates"));
        var queued = Assert.Single(queue.EnumerateArray(), p => p.GetProperty("plate").GetString() == plate);
        Assert.Equal(("awaiting-review", 1, 2), (queued.GetProperty("status").GetString(), queued.GetProperty("positives").GetInt32(), queued.GetProperty("negatives").GetInt32()));

        var detail = await OkAsync(reviewer.Http.GetAsync($"/api/v1/review/plates/{plate}"));
        Assert.Equal("pass", detail.GetProperty("qc").GetProperty("status").GetString());
        var positive = detail.GetProperty("tubes").EnumerateArray().Single(t => t.GetProperty("tube").GetString() == pools[0]);
        Assert.Equal(("positive", "recall", 3), (positive.GetProperty("call").GetString(), positive.GetProperty("pool").GetProperty("decision").GetString(), positive.GetProperty("people").GetInt32()));
        Assert.Equal([24.1, 25.3, 28.0], positive.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("ct").GetDouble()));
        Assert.Equal("all-members-negative", detail.GetProperty("tubes").EnumerateArray().Single(t => t.GetProperty("tube").GetString() == pools[1]).GetProperty("pool").GetProperty("decision").GetString());

        // First approval, signed: the negatives are approved; the positive waits for a second approval.
        var first = await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }));
        Assert.Equal("awaiting-second-approval", first.GetProperty("status").GetString());
        var signature = Assert.Single(first.GetProperty("signatures").EnumerateArray());
        Assert.Equal((reviewer.UserName, "reviewer", "approval"), (signature.GetProperty("user").GetString(), signature.GetProperty("role").GetString(), signature.GetProperty("meaning").GetString()));
        Assert.Equal(api.Clock.Now, signature.GetProperty("signedAt").GetDateTimeOffset());

        // The same person cannot give the second approval, nor can a reviewer who is not senior.
        await AssertProblemAsync(await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }), HttpStatusCode.Forbidden, "same-reviewer");
        await AssertProblemAsync(await otherReviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = otherReviewer.Password }), HttpStatusCode.Forbidden, "senior-reviewer-required");

        // Negatives can be released now; the hospital pulls them.
        var released = await OkAsync(reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null));
        Assert.Equal("awaiting-second-approval", released.GetProperty("status").GetString());
        var page = await OkAsync(hospital.GetAsync("/api/v1/results"));
        var results = page.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([pools[1], pools[2]], results.Select(r => r.GetProperty("tubeBarcode").GetString()).Order());
        Assert.All(results, r =>
        {
            Assert.Equal("negative", r.GetProperty("call").GetString());
            Assert.Equal(["negative", "negative", "negative"], r.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("result").GetString()));
            Assert.Contains("*", r.GetProperty("people")[0].GetProperty("maskedId").GetString());
            Assert.Equal(reviewer.UserName, Assert.Single(r.GetProperty("reviewers").EnumerateArray()).GetProperty("user").GetString());
            Assert.Equal("cn-orf1ab-n", r.GetProperty("kitCode").GetString());
        });
        Assert.Equal("released", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[1]}")).JsonAsync()).GetProperty("status").GetString());
        var cursor = page.GetProperty("next").GetInt64();

        // One senior reviewer is not enough for the positive; a second, different one approves it; released, its members need a recall.
        var second = await OkAsync(senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }));
        Assert.Equal("awaiting-second-approval", second.GetProperty("status").GetString());
        await AssertProblemAsync(await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }), HttpStatusCode.Forbidden, "same-reviewer");
        var third = await OkAsync(secondSenior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = secondSenior.Password }));
        Assert.Equal("awaiting-release", third.GetProperty("status").GetString());
        Assert.Equal("done", (await OkAsync(senior.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null))).GetProperty("status").GetString());
        var next = await OkAsync(hospital.GetAsync($"/api/v1/results?after={cursor}"));
        var pool = Assert.Single(next.GetProperty("results").EnumerateArray());
        Assert.Equal((pools[0], "positive"), (pool.GetProperty("tubeBarcode").GetString(), pool.GetProperty("call").GetString()));
        Assert.All(pool.GetProperty("people").EnumerateArray(), p => Assert.Equal("recall-required", p.GetProperty("result").GetString()));
        Assert.Equal([senior.UserName, secondSenior.UserName], pool.GetProperty("reviewers").EnumerateArray().Select(r => r.GetProperty("user").GetString()));
        Assert.Equal([24.1, 25.3, 28.0], pool.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("ct").GetDouble()));
        Assert.True(pool.GetProperty("cursor").GetInt64() > cursor);
        Assert.Empty((await OkAsync(hospital.GetAsync($"/api/v1/results?after={next.GetProperty("next").GetInt64()}"))).GetProperty("results").EnumerateArray());

        // Approving again: nothing is left to approve. Another submitter sees none of these results.
        await AssertProblemAsync(await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }), HttpStatusCode.Conflict, "review-done");
        var stranger = await api.ClientForNewSubmitterAsync();
        Assert.Empty((await OkAsync(stranger.GetAsync("/api/v1/results"))).GetProperty("results").EnumerateArray());
        Assert.DoesNotContain(plate, (await OkAsync(reviewer.Http.GetAsync("/api/v1/review/plates"))).EnumerateArray().Select(p => p.GetProperty("plate").GetString()));
    }

    [Fact]
    public async Task Bad_signatures_unreviewed_releases_and_reviewing_ones_own_plate_are_refused_and_change_nothing()
    {
        var (hospital, _, plate, pools) = await ImportedPlateAsync();
        var reviewer = await api.StaffClientAsync("reviewer");

        await AssertProblemAsync(await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = "not my password" }), HttpStatusCode.Forbidden, "signature-refused");
        await AssertProblemAsync(await reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null), HttpStatusCode.Conflict, "not-reviewed");
        var missing = await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("password", (await missing.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var detail = await OkAsync(reviewer.Http.GetAsync($"/api/v1/review/plates/{plate}"));
        Assert.Equal("awaiting-review", detail.GetProperty("status").GetString());
        Assert.Empty(detail.GetProperty("signatures").EnumerateArray());
        Assert.All(detail.GetProperty("tubes").EnumerateArray(), t => Assert.Equal("interpreted", t.GetProperty("tubeStatus").GetString()));
        Assert.Empty((await OkAsync(hospital.GetAsync("/api/v1/results"))).GetProperty("results").EnumerateArray());

        // A technician may not review; a station key may not either.
        var technician = await api.StaffClientAsync("technician");
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = technician.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.LabClientAsync()).GetAsync("/api/v1/review/plates")).StatusCode);

        // A reviewer who loads and seals a plate may not review it.
        var (_, _, more) = await api.InactivatedTubesAsync(1);
        var own = await LabFlow.SealedPlateAsync(reviewer.Http, more);
        var lab = await api.LabClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(own, RunFiles.Csv(own, more, [RunFiles.Negative], RunFiles.Negative)))).StatusCode);
        await AssertProblemAsync(await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{own}/approve", new { password = reviewer.Password }), HttpStatusCode.Forbidden, "own-plate");

        var unknownCall = await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override", new { tube = pools[0], call = "maybe", reason = "x", password = reviewer.Password });
        Assert.Equal(HttpStatusCode.BadRequest, unknownCall.StatusCode);
        Assert.Contains("call", (await unknownCall.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task An_override_of_a_positive_needs_a_reason_withdraws_the_pools_recall_and_two_seniors_other_than_the_overrider_before_it_leaves()
    {
        var (hospital, lab, plate, pools) = await ImportedPlateAsync();
        var reviewer = await api.StaffClientAsync("reviewer");

        var noReason = await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override", new { tube = pools[0], call = "negative", password = reviewer.Password });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var overridden = await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override",
            new { tube = pools[0], call = "negative", reason = "late, flat curves: not amplification", password = reviewer.Password }));
        var tube = overridden.GetProperty("tubes").EnumerateArray().Single(t => t.GetProperty("tube").GetString() == pools[0]);
        Assert.Equal(("negative", "positive"), (tube.GetProperty("call").GetString(), tube.GetProperty("kitCall").GetString()));
        var signature = Assert.Single(overridden.GetProperty("signatures").EnumerateArray());
        Assert.Equal(("override", pools[0], "late, flat curves: not amplification"),
            (signature.GetProperty("meaning").GetString(), signature.GetProperty("tube").GetString(), signature.GetProperty("reason").GetString()));
        // The pool's recall is withdrawn before anyone signed its call: the hospital never sees it.
        Assert.Empty((await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync()).EnumerateArray());
        var recall = Assert.Single((await (await lab.GetAsync("/api/v1/lab/recalls")).JsonAsync()).EnumerateArray(), c => c.GetProperty("pool").GetString() == pools[0]);
        Assert.Equal("withdrawn", recall.GetProperty("status").GetString());

        // Another tube goes back to retest, with a reason, and can be plated again.
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/retest", new { tubes = new[] { pools[1] } })).StatusCode);
        var retest = await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/retest", new { tubes = new[] { pools[1] }, reason = "bubble in the well" }));
        Assert.Equal("sent-to-retest", retest.GetProperty("tubes").EnumerateArray().Single(t => t.GetProperty("tube").GetString() == pools[1]).GetProperty("state").GetString());
        Assert.Equal("retest", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[1]}")).JsonAsync()).GetProperty("status").GetString());
        await LabFlow.SealedPlateAsync(lab, [pools[1]]);

        // The overrider's approval approves the plain negative only: the kit's positive turned negative is a positive
        // decision, and does not leave on one signature.
        Assert.Equal("awaiting-second-approval", (await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }))).GetProperty("status").GetString());
        await AssertProblemAsync(await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override",
            new { tube = pools[2], call = "positive", reason = "second thoughts", password = reviewer.Password }), HttpStatusCode.Conflict, "review-signed");
        await OkAsync(reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null));
        Assert.Equal([pools[2]], (await OkAsync(hospital.GetAsync("/api/v1/results"))).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("tubeBarcode").GetString()));
        Assert.Equal("interpreted", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[0]}")).JsonAsync()).GetProperty("status").GetString());
        // Two senior reviewers, neither of them the overrider, approve the override; then it leaves.
        var senior = await api.StaffClientAsync("senior-reviewer");
        var secondSenior = await api.StaffClientAsync("senior-reviewer");
        Assert.Equal("awaiting-second-approval", (await OkAsync(senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }))).GetProperty("status").GetString());
        Assert.Equal("awaiting-release", (await OkAsync(secondSenior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = secondSenior.Password }))).GetProperty("status").GetString());
        await OkAsync(senior.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null));
        var results = (await OkAsync(hospital.GetAsync("/api/v1/results"))).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([pools[0], pools[2]], results.Select(r => r.GetProperty("tubeBarcode").GetString()).Order());
        var released = results.Single(r => r.GetProperty("tubeBarcode").GetString() == pools[0]);
        Assert.Equal("negative", released.GetProperty("call").GetString());
        Assert.Equal([("override", reviewer.UserName), ("second-approval", senior.UserName), ("second-approval", secondSenior.UserName)],
            released.GetProperty("reviewers").EnumerateArray().Select(r => (r.GetProperty("meaning").GetString(), r.GetProperty("user").GetString())));
    }

    [Fact]
    public async Task A_positive_pools_members_get_a_preliminary_FHIR_report_to_recollect_and_the_hospitals_own_patient_ids_come_back()
    {
        var hospital = new Hospital(await api.ClientForNewSubmitterAsync());
        var bench = new Bench(await api.LabClientAsync());
        var pools = new[] { NewBarcode(), NewBarcode() };
        var tubes = pools.Select(p => Batches.Tube(p, members: 2, capacity: 10, kind: "pooled")).ToList();
        foreach (var tube in tubes)
            tube["members"] = ((IEnumerable<Person>)tube["members"]!).Select((m, i) => new { m.IdType, m.IdNumber, m.Name, m.Phone, patientId = $"MRN-{tube["barcode"]}-{i + 1}" }).ToArray();
        await hospital.RegisterAsync([.. tubes], "with patient ids");
        var box = NewBarcode("B");
        await hospital.ShipAsync(box, pools);
        await bench.ReceiveAsync(box, pools);
        await bench.InactivateAsync(NewBarcode("I"), pools, api.Clock);
        var plate = await bench.SealedPlateAsync(pools);
        Assert.Equal(HttpStatusCode.Created, (await bench.Http.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)))).StatusCode);
        await api.ApproveAndReleaseAsync(plate);

        var json = await (await hospital.Http.GetAsync("/api/v1/fhir/DiagnosticReport?limit=1")).Content.ReadAsStringAsync();
        var page = FhirJsonDeserializer.STRICT.Deserialize<FhirModel.Bundle>(json);
        // Bundle links are absolute URLs.
        Assert.All(page.Link, l => Assert.True(Uri.TryCreate(l.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", l.Url));
        Assert.Contains(page.Link, l => l.Relation == "next");
        var all = FhirJsonDeserializer.STRICT.Deserialize<FhirModel.Bundle>(await (await hospital.Http.GetAsync("/api/v1/fhir/DiagnosticReport")).Content.ReadAsStringAsync());
        Assert.Empty(all.Validate());
        var reports = all.Entry.Select(e => e.Resource).OfType<FhirModel.DiagnosticReport>().ToList();
        var preliminary = reports.Where(r => r.Status == FhirModel.DiagnosticReport.DiagnosticReportStatus.Preliminary).ToList();
        Assert.Equal(2, preliminary.Count);
        Assert.All(preliminary, r => Assert.Contains("recollect a single sample", r.Conclusion, StringComparison.Ordinal));
        Assert.Equal(2, reports.Count(r => r.Status == FhirModel.DiagnosticReport.DiagnosticReportStatus.Final));
        var patients = all.Entry.Select(e => e.Resource).OfType<FhirModel.Patient>().ToList();
        Assert.Equal(pools.SelectMany(p => new[] { $"MRN-{p}-1", $"MRN-{p}-2" }).Order(),
            patients.SelectMany(p => p.Identifier).Where(i => i.System == "https://lims.example.org/fhir/sid/submitter-patient-id").Select(i => i.Value).Order());
        // And in the results as JSON.
        var results = (await (await hospital.Http.GetAsync("/api/v1/results")).JsonAsync()).GetProperty("results");
        Assert.All(results.EnumerateArray().SelectMany(r => r.GetProperty("people").EnumerateArray()),
            p => Assert.StartsWith("MRN-", p.GetProperty("patientId").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_senior_who_overrode_a_call_cannot_approve_it()
    {
        var (_, _, plate, pools) = await ImportedPlateAsync();
        var senior = await api.StaffClientAsync("senior-reviewer");
        var reviewer = await api.StaffClientAsync("reviewer");
        await OkAsync(senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override", new { tube = pools[0], call = "negative", reason = "flat curves", password = senior.Password }));
        await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }));

        await AssertProblemAsync(await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }), HttpStatusCode.Forbidden, "overrider");
    }

    [Fact]
    public async Task Released_results_are_served_as_FHIR_DiagnosticReports_that_the_FHIR_library_parses_and_validates()
    {
        var (hospital, _, plate, pools) = await ImportedPlateAsync();
        var reviewer = await api.StaffClientAsync("reviewer");
        await OkAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }));
        await OkAsync(reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null));

        var response = await hospital.GetAsync("/api/v1/fhir/DiagnosticReport");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<FhirModel.Bundle>(await response.Content.ReadAsStringAsync());
        Assert.Empty(bundle.Validate());
        var reports = bundle.Entry.Select(e => e.Resource).OfType<FhirModel.DiagnosticReport>().ToList();
        // The two negative pools of three people: six reports, each Not detected; the positive pool is not released yet.
        Assert.Equal(6, reports.Count);
        Assert.All(reports, r => Assert.Equal("94500-6", r.Code.Coding.Single(c => c.System == "http://loinc.org").Code));
        var qualitative = bundle.Entry.Select(e => e.Resource).OfType<FhirModel.Observation>()
            .Select(o => o.Value).OfType<FhirModel.CodeableConcept>().Select(v => v.Coding.Single().Code).Distinct();
        Assert.Equal(["260415000"], qualitative);
        Assert.DoesNotContain(bundle.Entry.Select(e => e.Resource).OfType<FhirModel.Specimen>(), s => s.Container.Any(c => c.Identifier.Any(i => i.Value == pools[0])));
    }

    [Fact]
    public async Task Staff_sign_in_locks_out_after_repeated_failures_and_roles_decide_what_a_token_may_do()
    {
        var admin = await api.StaffClientAsync("admin");
        var created = await admin.Http.PostAsJsonAsync("/api/v1/staff/users", new { userName = "li.technician", role = "technician" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await created.JsonAsync()).GetProperty("password").GetString()!;
        Assert.Equal(16, password.Length);
        await AssertProblemAsync(await admin.Http.PostAsJsonAsync("/api/v1/staff/users", new { userName = "li.technician", role = "technician" }), HttpStatusCode.Conflict, "user-exists");
        var badRole = await admin.Http.PostAsJsonAsync("/api/v1/staff/users", new { userName = "x", role = "boss" });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);

        var anonymous = api.CreateClient();
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "li.technician", password = "wrong password" }), HttpStatusCode.Unauthorized, "wrong-credentials");
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nobody", password = "wrong password" }), HttpStatusCode.Unauthorized, "wrong-credentials");
        for (var i = 0; i < 4; i++) await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "li.technician", password = "wrong password" });
        // Locked for this address: refused as a wrong password is, so that nobody learns the account is locked.
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "li.technician", password }), HttpStatusCode.Unauthorized, "wrong-credentials");

        // Every sign-in, refused ones too, is in the audit trail with its true reason (never the password).
        var trail = await OkAsync(admin.Http.GetAsync("/api/v1/lab/audit?entityType=staff-user&entityId=li.technician&limit=100"));
        var events = trail.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("reason").GetString())).ToList();
        // Five wrong passwords, the fifth locks the account for this address, and the right password is then refused unchecked.
        Assert.Equal(5, events.Count(e => e == ("signed-in-refused", "wrong-credentials")));
        Assert.Equal(1, events.Count(e => e == ("signed-in-refused", "locked-out")));
        Assert.DoesNotContain(password, trail.GetRawText(), StringComparison.Ordinal);
        var signedIn = await OkAsync(admin.Http.GetAsync($"/api/v1/lab/audit?entityType=staff-user&entityId={admin.UserName}"));
        Assert.Contains("signed-in", signedIn.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        var technician = await api.StaffClientAsync("technician");
        Assert.Equal(HttpStatusCode.OK, (await technician.Http.GetAsync("/api/v1/lab/kits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.Http.GetAsync("/api/v1/staff/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.Http.GetAsync("/api/v1/results")).StatusCode);
        var me = await OkAsync(technician.Http.GetAsync("/api/v1/auth/me"));
        Assert.Equal("user:" + technician.UserName, me.GetProperty("actor").GetString());
        var forged = api.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/lab/kits")).StatusCode);
    }

    [Fact]
    public async Task A_staff_token_is_sealed_with_the_key_ring_in_the_database_so_every_replica_accepts_it()
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        await using (var scope = api.Services.CreateAsyncScope())
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<Lims.Infrastructure.Persistence.LimsDbContext>().DataProtectionKeys
                .Where(k => k.Xml != null && k.Xml.Contains("<key ")).ToListAsync());

        // Another replica of the API on the same database (and, for SQLite, the same file): it never issued the token.
        await using var replica = new LimsApiFactory(api.Provider, api.ConnectionString,
            new Dictionary<string, string> { ["Lims:DataDirectory"] = api.DataDirectory });
        var other = replica.CreateClient();
        other.DefaultRequestHeaders.Authorization = reviewer.Http.DefaultRequestHeaders.Authorization;
        var me = await OkAsync(other.GetAsync("/api/v1/auth/me"));
        Assert.Equal("user:" + reviewer.UserName, me.GetProperty("actor").GetString());
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            reviewer.Http.DefaultRequestHeaders.Authorization!.Parameter![..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/auth/me")).StatusCode);
    }
}

public sealed class SqliteReviewTests(SqliteApi fixture) : ReviewTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlReviewTests(PostgreSqlApi fixture) : ReviewTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Abstractions;
using Lims.Application.Features.Audit;
using Lims.Application.Features.Submitters;
using Lims.Cli;
using Lims.Infrastructure.Jobs;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// The audit trail: every change writes an event in its own transaction, bulk paths one per batch, nothing for a
/// refused command; the chain stays intact under concurrent writers, and an event edited behind its back is named.
/// </summary>
public abstract class AuditTrailTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_batch_is_one_summary_event_with_its_counts_and_the_hash_of_the_request()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var (a, b) = (NewBarcode(), NewBarcode());
        var body = JsonSerializer.Serialize(Batch(Tube(a, members: 3), Tube(b, members: 2), Tube("bad barcode")), JsonSerializerOptions.Web);
        var key = Guid.NewGuid().ToString();
        var head = await HeadAsync();

        var receipt = await (await hospital.SendAsync(PostRaw(body, key))).JsonAsync();
        var replay = await hospital.SendAsync(PostRaw(body, key));

        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var events = await EventsAsync(after: head);
        var e = Assert.Single(events);
        Assert.Equal(("batch registered", "submission", receipt.GetProperty("batchId").GetString()), (e.Action, e.EntityType, e.EntityId));
        Assert.StartsWith("api:h-", e.Actor, StringComparison.Ordinal);
        Assert.Null(e.Before);
        Assert.Equal(2, e.After!.Value.GetProperty("tubes").GetInt32());
        Assert.Equal(5, e.After.Value.GetProperty("people").GetInt32());
        Assert.Equal(1, e.After.Value.GetProperty("rejected").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), e.After.Value.GetProperty("requestSha256").GetString());
    }

    [Fact]
    public async Task Receiving_a_box_records_the_scan_the_tube_received_and_the_discrepancies_at_close()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = new[] { NewBarcode(), NewBarcode() };
        await hospital.SendAsync(Post(Batch([.. tubes.Select(t => (object)Tube(t))])));
        var box = NewBarcode("B");
        await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 2, tubes });
        var head = await HeadAsync();
        var scanId = Guid.NewGuid();

        await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube = tubes[0], scanId });
        await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null);

        var events = await EventsAsync(after: head);
        var tube = Assert.Single(events, e => e.EntityType == "tube");
        Assert.Equal((tubes[0], "changed"), (tube.EntityId, tube.Action));
        Assert.StartsWith("station:bench-", tube.Actor, StringComparison.Ordinal);
        Assert.Equal("Shipped", tube.Before!.Value.GetProperty("status").GetString());
        Assert.Equal("Received", tube.After!.Value.GetProperty("status").GetString());
        var boxEvents = events.Where(e => e.EntityType == "box" && e.EntityId == box).ToList();
        Assert.Equal(2, boxEvents.Count);
        var scan = boxEvents[0].After!.Value.GetProperty("scans").GetProperty(scanId.ToString());
        Assert.Equal((tubes[0], "Expected"), (scan.GetProperty("barcode").GetString(), scan.GetProperty("outcome").GetString()));
        Assert.Equal("Closed", boxEvents[1].After!.Value.GetProperty("status").GetString());
        var missing = boxEvents[1].After!.Value.GetProperty("discrepancies").EnumerateObject()
            .Single(d => d.Value.GetProperty("kind").GetString() == "Missing");
        Assert.Equal(tubes[1], missing.Value.GetProperty("barcode").GetString());
        // The event of the tube's scan was chained before the box's, in the order of the save.
        Assert.True(tube.Seq < boxEvents[1].Seq);
    }

    [Fact]
    public async Task A_rejection_is_recorded_with_its_reason_and_a_refused_one_writes_nothing()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(2);
        await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube = tubes[0], scanId = Guid.NewGuid() });
        var head = await HeadAsync();

        var rejected = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[0]}/rejection", new { reason = "other", note = "cap cracked in transit" });
        var afterRejection = await HeadAsync();
        var twice = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[0]}/rejection", new { reason = "leaking" });
        var noNote = await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[1]}/rejection", new { reason = "other" });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var e = Assert.Single(await EventsAsync(after: head));
        Assert.Equal(("tube", tubes[0], "changed"), (e.EntityType, e.EntityId, e.Action));
        Assert.Equal("other: cap cracked in transit", e.Reason);
        Assert.Equal("Received", e.Before!.Value.GetProperty("status").GetString());
        Assert.Equal("Rejected", e.After!.Value.GetProperty("status").GetString());
        Assert.Equal("Other", e.After.Value.GetProperty("rejection").GetString());
        Assert.Equal(afterRejection, await HeadAsync());
        Assert.Equal("shipped", (await (await hospital.GetAsync($"/api/v1/tubes/{tubes[1]}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_import_records_the_run_its_file_and_every_tube_with_its_call()
    {
        var (_, lab, tubes) = await api.InactivatedTubesAsync(2, kind: "single");
        var plate = await LabFlow.SealedPlateAsync(lab, tubes);
        var head = await HeadAsync();

        var imported = await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, tubes, [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)));

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var sha256 = (await imported.JsonAsync()).GetProperty("file").GetProperty("sha256").GetString();
        var events = await EventsAsync(after: head);
        var run = Assert.Single(events, e => e.EntityType == "plate-run");
        Assert.Equal((plate, "created"), (run.EntityId, run.Action));
        Assert.Equal(sha256, run.After!.Value.GetProperty("sha256").GetString());
        Assert.True(run.After.Value.GetProperty("qcPassed").GetBoolean());
        Assert.Equal(4, run.After.Value.GetProperty("wells").EnumerateObject().Count());
        var file = Assert.Single(events, e => e.EntityType == "run-file");
        Assert.Equal(sha256, file.EntityId);
        Assert.Matches(@"^\(\d+ bytes\)$", file.After!.Value.GetProperty("content").GetString());
        var calls = events.Where(e => e.EntityType == "tube").ToDictionary(e => e.EntityId);
        Assert.Equal(["Positive", "Negative"], tubes.Select(t => calls[t].After!.Value.GetProperty("call").GetString()));
        Assert.All(tubes, t => Assert.Equal("Plated", calls[t].Before!.Value.GetProperty("status").GetString()));
        Assert.All(tubes, t => Assert.Equal("Interpreted", calls[t].After!.Value.GetProperty("status").GetString()));
        Assert.Equal("positive", calls[tubes[0]].Reason);
        Assert.All(events, e => Assert.StartsWith("station:bench-", e.Actor, StringComparison.Ordinal));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task An_override_is_recorded_with_its_reason()
    {
        var (_, lab, box, tubes) = await ShippedBoxAsync(2);
        foreach (var tube in tubes) await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() });
        var code = NewBarcode("I");
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 2", tubes });
        var senior = await api.StaffClientAsync("senior-reviewer");
        var head = await HeadAsync();

        // A short run's override is signed by a senior reviewer (issue 11); the reason is recorded as before.
        var early = await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete",
            new { overrideReason = "validated 20 min protocol, SOP-12", userName = senior.UserName, password = senior.Password });

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var events = await EventsAsync(after: head);
        var batch = Assert.Single(events, e => e.EntityType == "inactivation-batch");
        Assert.Equal((code, "changed", "validated 20 min protocol, SOP-12"), (batch.EntityId, batch.Action, batch.Reason));
        Assert.Equal("validated 20 min protocol, SOP-12", batch.After!.Value.GetProperty("overrideReason").GetString());
        Assert.Equal(tubes.Order(), events.Where(e => e.EntityType == "tube").Select(e => e.EntityId).Order());
    }

    [Fact]
    public async Task Review_events_name_each_signature_by_its_stored_id_not_a_temporary_one()
    {
        var (_, lab, pools) = await api.InactivatedTubesAsync(2);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        Assert.Equal(HttpStatusCode.Created,
            (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)))).StatusCode);
        var reviewer = await api.StaffClientAsync("reviewer");
        var head = await HeadAsync();

        var overridden = await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/override",
            new { tube = pools[0], call = "negative", reason = "flat curves: not amplification", password = reviewer.Password });
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password })).StatusCode);

        // Read as the lab reads the trail.
        var page = await (await lab.GetAsync($"/api/v1/lab/audit?after={head}&entityType=plate-review&entityId={plate}")).JsonAsync();
        var events = page.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        var recorded = events.Select(e => Assert.Single(e.GetProperty("after").GetProperty("signatures").EnumerateObject())).ToList();
        Assert.Equal(["Override", "Approval"], recorded.Select(s => s.Value.GetProperty("meaning").GetString()));
        var stored = await api.WithDbAsync(db => db.Database.SqlQuery<long>(
            $"SELECT s.id AS \"Value\" FROM review_signatures s JOIN plate_reviews r ON r.id = s.review_id WHERE r.plate_barcode = {plate} ORDER BY s.sequence").ToListAsync());
        Assert.Equal(stored.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), recorded.Select(s => s.Name));
    }

    [Fact]
    public async Task Registering_a_kit_is_recorded_once_and_a_conflicting_version_writes_nothing()
    {
        var lab = await api.LabClientAsync();
        var code = "audit-kit-" + Guid.NewGuid().ToString("N")[..6];
        string Kit(double cutoff) => $$"""
            { "code": "{{code}}", "name": "Audit kit", "version": "1", "ctCutoff": {{cutoff}}, "requiredPositiveTargets": 1,
              "targets": [ { "name": "E", "dye": "FAM", "role": "pathogen" }, { "name": "IC", "dye": "Cy5", "role": "internal-control" } ] }
            """;
        var head = await HeadAsync();

        var created = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit(38), Encoding.UTF8, "application/json"));
        var again = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit(38), Encoding.UTF8, "application/json"));
        var edited = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit(36), Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict), (created.StatusCode, again.StatusCode, edited.StatusCode));
        var e = Assert.Single(await EventsAsync(after: head));
        Assert.Equal(("registered-kit", $"{code}@1", "created"), (e.EntityType, e.EntityId, e.Action));
        Assert.StartsWith("station:bench-", e.Actor, StringComparison.Ordinal);
        Assert.Equal("Audit kit", e.After!.Value.GetProperty("name").GetString());
        // The definition is long: kept by its hash, so the event stays small and still pins it.
        Assert.StartsWith("(sha256 ", e.After.Value.GetProperty("definition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_api_key_is_recorded_without_its_hash()
    {
        var head = await HeadAsync();

        var station = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var issued = await api.SendAsync(async sender => await sender.Send(new CreateStationApiKey(station)));

        var e = Assert.Single(await EventsAsync(after: head));
        Assert.Equal(("api-key", "created", "system"), (e.EntityType, e.Action, e.Actor));
        Assert.Equal(station, e.After!.Value.GetProperty("station").GetString());
        Assert.Equal(issued.Prefix, e.After.Value.GetProperty("prefix").GetString());
        Assert.Equal("LabStation", e.After.Value.GetProperty("role").GetString());
        Assert.Equal("(redacted)", e.After.Value.GetProperty("hash").GetString());
        var hash = ApiKeys.Hash(issued.Key);
        var stored = e.After.Value.GetRawText();
        Assert.DoesNotContain(Convert.ToHexString(hash), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(hash), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Key, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_event_carries_a_members_name_phone_or_id()
    {
        var (_, lab, pools) = await api.InactivatedTubesAsync(1);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive], RunFiles.Negative)));

        var all = await api.WithDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

        // The recall of the positive pool is written by the bulk path: one summary, no member rows.
        var recall = Assert.Single(all, e => e.Action == "recall cases opened" && e.After!.Contains(pools[0], StringComparison.Ordinal));
        Assert.Contains("\"members\":3", recall.After, StringComparison.Ordinal);
        var text = string.Join("\n", all.Select(e => $"{e.Before} {e.After} {e.Reason} {e.EntityId}"));
        // The test's resident ids (110105 + a 1950s birth date + …), not within a hex hash.
        Assert.DoesNotMatch(@"(?<![0-9a-f])110105(19|20)\d{9}[0-9X](?![0-9a-f])", text);
        Assert.DoesNotContain("****", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Person ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_reads_the_trail_page_by_page_and_by_entity()
    {
        var (hospital, lab, box, tubes) = await ShippedBoxAsync(2);
        foreach (var tube in tubes) await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() });

        var first = await (await lab.GetAsync($"/api/v1/lab/audit?entityType=box&entityId={box}&limit=2")).JsonAsync();
        var rest = await (await lab.GetAsync($"/api/v1/lab/audit?entityType=box&entityId={box}&limit=2&after={first.GetProperty("next").GetInt64()}")).JsonAsync();
        var ofTube = await (await lab.GetAsync($"/api/v1/lab/audit?entityType=tube&entityId={tubes[0]}")).JsonAsync();
        var idAlone = await lab.GetAsync($"/api/v1/lab/audit?entityId={box}");
        var badLimit = await lab.GetAsync("/api/v1/lab/audit?limit=5000");
        var submitter = await hospital.GetAsync("/api/v1/lab/audit");

        var boxEvents = first.GetProperty("events").EnumerateArray().Concat(rest.GetProperty("events").EnumerateArray()).ToList();
        Assert.Equal(["created", "changed", "changed"], boxEvents.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(2, first.GetProperty("events").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        var seqs = boxEvents.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        var last = ofTube.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("Received", last.GetProperty("after").GetProperty("status").GetString());
        Assert.Matches("^[0-9a-f]{64}$", last.GetProperty("hash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", last.GetProperty("prevHash").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, idAlone.StatusCode);
        Assert.True((await idAlone.JsonAsync()).GetProperty("errors").TryGetProperty("entityType", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submitter.StatusCode);

        var station = "cli-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliAsync("apikey", "create", "--station", station)).Exit);
        var byCli = (await EventsAsync(entityType: "api-key")).Last();
        Assert.Equal((station, "cli:" + Environment.UserName), (byCli.After!.Value.GetProperty("station").GetString(), byCli.Actor));

        var shown = await CliAsync("audit", "show", "--entity", $"box:{box}");
        Assert.Equal(0, shown.Exit);
        Assert.Equal(3, shown.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, (await CliAsync("audit", "show", "--entity", box)).Exit);
    }

    [Fact]
    public async Task Recorded_events_go_with_the_next_save_and_appended_ones_at_once()
    {
        var head = await HeadAsync();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ICurrentActor>().Set("user:alice");
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            // A failed login is kept although nothing else of the request is.
            audit.Record("signature", "tube", "TB-NEVER-SAVED", after: new { meaning = "reviewed" });
            await audit.AppendNowAsync("login failed", "user", "alice", reason: "wrong password");
        }
        var afterScope = await EventsAsync(after: head);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ICurrentActor>().Set("user:bob");
            scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record("login", "user", "bob", after: new { method = "password" });
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateSubmitter("audit-" + Guid.NewGuid().ToString("N")[..6], "Audit Hospital", Domain.Submitters.SubmitterKind.Hospital));
        }

        var failed = Assert.Single(afterScope);
        Assert.Equal(("login failed", "user", "alice", "user:alice", "wrong password"), (failed.Action, failed.EntityType, failed.EntityId, failed.Actor, failed.Reason));
        var saved = (await EventsAsync(after: failed.Seq)).ToList();
        Assert.Equal(["login", "created"], saved.Select(e => e.Action));
        Assert.All(saved, e => Assert.Equal("user:bob", e.Actor));
        Assert.Equal("password", saved[0].After!.Value.GetProperty("method").GetString());
        Assert.Equal(saved[0].At, saved[1].At);
        Assert.DoesNotContain(await EventsAsync(after: head), e => e.EntityId == "TB-NEVER-SAVED");
    }

    [Fact]
    public async Task A_job_acts_as_itself_and_sums_up_a_set_based_change()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var barcode = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(barcode, priority: "emergency", collectedAt: api.Clock.Now.AddHours(-5.5)))));
        var head = await HeadAsync();

        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FlagAtRiskTubesJob>().RunAsync(CancellationToken.None);

        var e = Assert.Single(await EventsAsync(after: head));
        Assert.Equal(("flagged at risk", "tube", "*", "job:flag-at-risk-tubes"), (e.Action, e.EntityType, e.EntityId, e.Actor));
        Assert.True(e.After!.Value.GetProperty("tubes").GetInt32() >= 1);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_gapless_chain()
    {
        var hospitals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.ClientForNewSubmitterAsync()));
        var lab = await api.LabClientAsync();
        var head = await HeadAsync();

        var batches = hospitals.SelectMany(h => Enumerable.Range(0, 3).Select(_ =>
            h.SendAsync(Post(Batch([.. Enumerable.Range(0, 20).Select(_ => (object)Tube(NewBarcode(), members: 5))])))));
        var ranges = Enumerable.Range(0, 6).Select(_ => lab.PostAsJsonAsync("/api/v1/lab/barcode-ranges", new { prefix = "AUD", count = 10 }));
        var answers = await Task.WhenAll(batches.Concat(ranges));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var events = await EventsAsync(after: head);
        Assert.Equal(12, events.Count(e => e.Action == "batch registered"));
        Assert.Equal(6, events.Count(e => e.EntityType == "barcode-allocation"));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => head + i), events.Select(e => e.Seq));
        var verified = await VerifyAsync();
        Assert.True(verified.Intact, verified.Break?.Describe());
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_events()
    {
        await api.ClientForNewSubmitterAsync();
        var last = await HeadAsync();

        var update = await Refused($"UPDATE audit_events SET reason = 'edited' WHERE seq = {last}");
        var delete = await Refused($"DELETE FROM audit_events WHERE seq = {last}");
        var back = await Refused($"UPDATE audit_chain_head SET seq = {last - 1} WHERE id = 1");

        Assert.Contains("append-only", update, StringComparison.Ordinal);
        Assert.Contains("append-only", delete, StringComparison.Ordinal);
        Assert.Contains("only moves forward", back, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact);

        async Task<string> Refused(string sql)
        {
#pragma warning disable EF1002 // the test's own statements
            var e = await Assert.ThrowsAnyAsync<Exception>(() => api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
#pragma warning restore EF1002
            return e.Message;
        }
    }

    [Fact]
    public async Task Verify_names_the_event_an_attacker_with_dba_rights_edited_re_hashed_or_deleted()
    {
        var (_, lab, box, tubes) = await ShippedBoxAsync(3);
        foreach (var tube in tubes) await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() });
        await lab.PostAsJsonAsync($"/api/v1/lab/tubes/{tubes[1]}/rejection", new { reason = "leaking" });
        await lab.PostAsync($"/api/v1/lab/boxes/{box}/close", null);
        var rejection = (await EventsAsync(entityType: "tube", entityId: tubes[1]))[^1];
        Assert.Equal("leaking", rejection.Reason);
        var seq = rejection.Seq;

        var intact = await CliAsync("audit", "verify");
        Assert.Equal(0, intact.Exit);
        Assert.Matches(@"^\d+ events, chain intact \(head [0-9a-f]{64}\)$", intact.Out.Trim());

        // Edited: the event's own hash no longer matches.
        await AsDbaAsync($"UPDATE audit_events SET reason = 'unlabelled' WHERE seq = {seq}");
        try
        {
            var edited = await CliAsync("audit", "verify");
            Assert.Equal(LimsCli.ChainBroken, edited.Exit);
            var line = Assert.Single(edited.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"lims: audit chain broken at seq {seq}: hash mismatch", line, StringComparison.Ordinal);
            Assert.Equal("", edited.Out);

            // Edited and re-hashed: the next event no longer names it.
            var forged = Domain.Audit.AuditChain.Hash(seq, rejection.PrevHash, rejection.At, rejection.Actor, rejection.Action, rejection.EntityType,
                rejection.EntityId, rejection.Before?.GetRawText(), rejection.After?.GetRawText(), "unlabelled");
            await AsDbaAsync($"UPDATE audit_events SET hash = '{forged}' WHERE seq = {seq}");
            var rehashed = await api.SendAsync(sender => sender.Send(new VerifyAuditChain()).AsTask());
            Assert.Equal((seq + 1, Domain.Audit.AuditBreakKind.PreviousHashMismatch), (rehashed.Break!.Seq, rehashed.Break.Kind));
            Assert.Equal(seq, rehashed.Events);
        }
        finally
        {
            await AsDbaAsync($"UPDATE audit_events SET reason = 'leaking', hash = '{rejection.Hash}' WHERE seq = {seq}");
        }
        Assert.True((await VerifyAsync()).Intact);

        // Deleted: a gap.
        var row = await api.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Seq == seq));
        await AsDbaAsync($"DELETE FROM audit_events WHERE seq = {seq}");
        try
        {
            var gap = await CliAsync("audit", "verify");
            Assert.Equal(LimsCli.ChainBroken, gap.Exit);
            Assert.StartsWith($"lims: audit chain broken at seq {seq}: gap", gap.Err, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(row);
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Verify_with_a_recorded_head_detects_events_cut_off_the_end_that_the_chain_alone_cannot()
    {
        await api.ClientForNewSubmitterAsync();
        await api.ClientForNewSubmitterAsync();
        var printed = await CliAsync("audit", "head");
        Assert.Equal(0, printed.Exit);
        var kept = Assert.Single(printed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^[0-9]+:[0-9a-f]{64}$", kept);
        var seq = long.Parse(kept[..kept.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonDocument.Parse((await CliAsync("audit", "head", "--json")).Out).RootElement;
        Assert.Equal(kept, $"{json.GetProperty("seq").GetInt64()}:{json.GetProperty("hash").GetString()}");

        // Unchanged, with events appended after it: intact.
        await api.ClientForNewSubmitterAsync();
        var grown = await CliAsync("audit", "verify", "--head", kept);
        Assert.Equal(0, grown.Exit);
        Assert.Matches($@"^\d+ events, chain intact \(head [0-9a-f]{{64}}\), recorded head {seq} unchanged$", grown.Out.Trim());

        // The attacker deletes the last events, from two before the recorded head on, and moves the chain head back.
        var last = await HeadAsync();
        var cut = await api.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Seq >= seq - 1).OrderBy(e => e.Seq).ToListAsync());
        var before = await api.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Seq == seq - 2));
        Assert.Equal(last, cut[^1].Seq);
        await AsDbaAsync($"DELETE FROM audit_events WHERE seq >= {seq - 1}; UPDATE audit_chain_head SET seq = {before.Seq}, hash = '{before.Hash}' WHERE id = 1",
            "audit_events", "audit_chain_head");
        try
        {
            var alone = await CliAsync("audit", "verify");
            Assert.Equal(0, alone.Exit);
            Assert.Equal("", alone.Err);

            var caught = await CliAsync("audit", "verify", "--head", kept);
            Assert.Equal(LimsCli.ChainBroken, caught.Exit);
            var line = Assert.Single(caught.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"lims: audit chain broken at seq {seq}: recorded head mismatch (", line, StringComparison.Ordinal);
            Assert.Contains($"it ends at seq {seq - 2}, events were cut off the end", line, StringComparison.Ordinal);
            Assert.Equal("", caught.Out);
        }
        finally
        {
            foreach (var row in cut) await RestoreAsync(row);
            await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_chain_head SET seq = {last}, hash = {cut[^1].Hash} WHERE id = 1"));
        }
        Assert.Equal(0, (await CliAsync("audit", "verify", "--head", kept)).Exit);

        // A head that is not SEQ:HASH: refused in one line, exit 2.
        var bad = await CliAsync("audit", "verify", "--head", kept.Replace(':', ' '));
        Assert.Equal(2, bad.Exit);
        Assert.StartsWith("lims: head: Give the head as SEQ:HASH", Assert.Single(bad.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("", bad.Out);
    }

    // --- helpers ---

    private async Task<long> HeadAsync() => await api.WithDbAsync(db => db.AuditChainHead.AsNoTracking().Select(h => h.Seq).SingleAsync());

    private async Task<List<AuditEventView>> EventsAsync(long after = 0, string? entityType = null, string? entityId = null)
    {
        var events = new List<AuditEventView>();
        while (true)
        {
            var page = await api.SendAsync(sender => sender.Send(new ListAuditEvents(after, entityType, entityId, ListAuditEvents.MaxLimit)).AsTask());
            events.AddRange(page.Events);
            if (page.Next is not { } next) return events;
            after = next;
        }
    }

    private Task<AuditVerification> VerifyAsync() => api.SendAsync(sender => sender.Send(new VerifyAuditChain()).AsTask());

    private async Task<(HttpClient Hospital, HttpClient Lab, string Box, string[] Tubes)> ShippedBoxAsync(int count)
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = Enumerable.Range(0, count).Select(_ => NewBarcode()).ToArray();
        await hospital.SendAsync(Post(Batch([.. tubes.Select(t => (object)Tube(t))])));
        var box = NewBarcode("B");
        Assert.Equal(HttpStatusCode.Created, (await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = count, tubes })).StatusCode);
        return (hospital, lab, box, tubes);
    }

    /// <summary>What an attacker with the database's owner rights can do: switch the append-only triggers of the tables off, write, switch them on.</summary>
#pragma warning disable EF1002, EF1003 // statements made by the test itself, from numbers and hex hashes
    private Task AsDbaAsync(string sql, params string[] tables) => api.WithDbAsync(async db =>
    {
        if (tables.Length == 0) tables = ["audit_events"];
        if (api.Provider == DatabaseProvider.PostgreSql)
            return await db.Database.ExecuteSqlRawAsync(string.Concat(tables.Select(t => $"ALTER TABLE {t} DISABLE TRIGGER USER; "))
                + sql + "; " + string.Concat(tables.Select(t => $"ALTER TABLE {t} ENABLE TRIGGER USER; ")));
        var of = $"FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))}) ORDER BY name";
        var names = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" " + of).ToListAsync();
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" " + of).ToListAsync();
        return await db.Database.ExecuteSqlRawAsync(
            string.Concat(names.Select(n => $"DROP TRIGGER {n}; ")) + sql + "; " + string.Join("; ", triggers) + ";");
    });
#pragma warning restore EF1002, EF1003

    /// <summary>Puts a deleted event back as it was (the DBA's undo).</summary>
    private Task RestoreAsync(Domain.Audit.AuditEvent row) => api.WithDbAsync(async db =>
    {
        var at = api.Provider == DatabaseProvider.PostgreSql ? (object)row.At : UnixMillisecondsConverter.ToDb(row.At);
        return await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id, \"before\", \"after\", reason, prev_hash, hash) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10})",
            row.Seq, at, row.Actor, row.Action, row.EntityType, row.EntityId, Text(row.Before), Text(row.After), Text(row.Reason), row.PrevHash, row.Hash);

        // EF maps no type to DBNull: a null goes as a parameter of the connection's own.
        object Text(string? value)
        {
            var parameter = db.Database.GetDbConnection().CreateCommand().CreateParameter();
            parameter.DbType = System.Data.DbType.String;
            parameter.Value = (object?)value ?? DBNull.Value;
            return parameter;
        }
    });

    private async Task<(int Exit, string Out, string Err)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        KeyValuePair<string, string?>[] settings = api.Provider == DatabaseProvider.PostgreSql
            ? [new("Database:Provider", "PostgreSql"), new("ConnectionStrings:Lims", api.ConnectionString)]
            : [new("Lims:DataDirectory", api.DataDirectory)];
        var exit = await LimsCli.RunAsync(args, stdout, stderr,
            [.. settings, new("Lims:Security:PersonalDataKey", LimsApiFactory.PersonalDataKey), new("Lims:Security:LookupKey", LimsApiFactory.LookupKey)]);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}

public sealed class SqliteAuditTrailTests(SqliteApi fixture) : AuditTrailTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlAuditTrailTests(PostgreSqlApi fixture) : AuditTrailTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Security.Cryptography;
using System.Text;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Runs;
using Hostile = Lims.Infrastructure.Tests.Instruments.HostileFiles;

namespace Lims.Application.Tests.Runs;

/// <summary>A run file imported for its sealed plate: matched by well and sample, interpreted by the kit, applied to every tube, kept byte for byte.</summary>
public abstract class RunImportTests(LimsApp app)
{
    [Fact]
    public async Task A_run_calls_each_tube_of_its_plate_and_its_file_is_kept_byte_for_byte()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(3);
        var plate = await app.SealedPlateAsync(tubes);
        var file = RunFiles.Csv(plate, tubes, [RunFiles.Positive, RunFiles.Negative, RunFiles.OneTarget], RunFiles.Negative);

        var imported = await app.SendAsync(new ImportRun(plate, "/data/runs/plate-7.csv", file, AppFlow.Bench));

        Assert.False(imported.Replayed);
        var run = imported.Run;
        Assert.Equal(("pass", app.Clock.Now, AppFlow.Bench), (run.Qc.Status, run.ImportedAt, run.ImportedBy));
        Assert.Equal(new RunFileView("plate-7.csv", Convert.ToHexStringLower(SHA256.HashData(file)), file.Length), run.File);
        Assert.Equal(
            [
                (tubes[0], "A1", "positive", "called", "interpreted", "pool-positive-awaiting-deconvolution"),
                (tubes[1], "B1", "negative", "called", "interpreted", null),
                (tubes[2], "C1", "inconclusive", "retest", "retest", null),
            ],
            run.Tubes.Select(t => (t.Tube, t.Well, t.Call, t.Outcome, t.Status, t.Hold)));
        Assert.Equal([0, 0, 1], run.Tubes.Select(t => t.RetestCount));
        Assert.Equal(TubeStatus.Retest, (await app.TubeAsync(tubes[2])).Status);
        Assert.Equal(["amplified", "interpreted"], (await app.TubeAsync(tubes[1])).History.TakeLast(2).Select(h => h.To.ToWire()));
        Assert.Equal("interpreted", (await app.SendAsync(new GetPlate(plate))).Status);
        var stored = await app.SendAsync(new GetRunFile(plate));
        Assert.Equal("plate-7.csv", stored.Name);
        Assert.Equal(file, stored.Content);
    }

    [Fact]
    public async Task The_same_file_again_answers_the_first_import_and_changes_nothing_and_for_another_plate_it_is_a_conflict()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.SealedPlateAsync(tubes);
        var file = RunFiles.Csv(plate, tubes, [RunFiles.Negative, RunFiles.Positive], RunFiles.Negative);
        var first = await app.SendAsync(new ImportRun(plate, "run.csv", file, AppFlow.Bench));
        var events = (await app.TubeAsync(tubes[0])).History.Count;

        var again = await app.AtAsync(app.Clock.Now.AddMinutes(5), () => app.SendAsync(new ImportRun(plate, "again.csv", file, "station:bench-2")));
        var (_, others) = await app.InactivatedTubesAsync(2);
        var otherPlate = await app.SealedPlateAsync(others);
        var elsewhere = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ImportRun(otherPlate, "run.csv", file, AppFlow.Bench)));

        Assert.True(again.Replayed);
        Assert.Equal((first.Run.ImportedAt, first.Run.ImportedBy, first.Run.File), (again.Run.ImportedAt, again.Run.ImportedBy, again.Run.File));
        Assert.Equal(first.Run.Tubes, again.Run.Tubes);
        Assert.Equal(events, (await app.TubeAsync(tubes[0])).History.Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.PlateRuns.CountAsync(r => r.PlateBarcode == Barcode.Create(plate))));
        Assert.Equal("file-imported-for-another-plate", elsewhere.Code);
        Assert.Equal("sealed", (await app.SendAsync(new GetPlate(otherPlate))).Status);
        Assert.Equal(TubeStatus.Plated, (await app.TubeAsync(others[0])).Status);
    }

    [Fact]
    public async Task A_file_that_does_not_match_the_plate_is_refused_on_file_with_every_reason_and_nothing_is_stored()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.SealedPlateAsync(tubes);
        var swapped = RunFiles.Csv(plate, [tubes[1], tubes[0]], [RunFiles.Negative, RunFiles.Negative], RunFiles.Negative);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ImportRun(plate, "run.csv", swapped, AppFlow.Bench)));

        Assert.Equal(["file"], refused.Errors.Keys);
        Assert.StartsWith($"The file does not match plate {plate} (2 problems)", refused.Errors["file"][0], StringComparison.Ordinal);
        Assert.Contains($"Well A1 names tube {tubes[1]}, which the plate has in B1; the plate has tube {tubes[0]} in A1.", refused.Errors["file"]);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRun(plate, false)));
        Assert.Equal(0, await app.WithDbAsync(db => db.RunFiles.CountAsync(f => f.Sha256 == Convert.ToHexStringLower(SHA256.HashData(swapped)))));
        Assert.Equal("sealed", (await app.SendAsync(new GetPlate(plate))).Status);
        Assert.Equal(TubeStatus.Plated, (await app.TubeAsync(tubes[0])).Status);

        // The right file imports afterwards.
        Assert.False((await app.ImportAsync(plate, tubes, RunFiles.Negative, RunFiles.Negative)).Replayed);
    }

    [Fact]
    public async Task A_failed_control_sends_every_tube_back_to_be_replated_without_using_a_retest()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.SealedPlateAsync(tubes);
        // The negative control amplifies: contamination.
        var file = RunFiles.Csv(plate, tubes, [RunFiles.Positive, RunFiles.Negative], ntc: RunFiles.Positive);

        var run = (await app.SendAsync(new ImportRun(plate, "run.csv", file, AppFlow.Bench))).Run;

        Assert.Equal("fail", run.Qc.Status);
        Assert.Contains("Negative control", run.Qc.Reasons[0], StringComparison.Ordinal);
        Assert.All(run.Tubes, t => Assert.Equal((null, "replate", "retest", 0, null), (t.Call, t.Outcome, t.Status, t.RetestCount, t.Hold)));
        var stored = await app.TubeAsync(tubes[0]);
        Assert.Equal((TubeStatus.Retest, 0, null), (stored.Status, stored.RetestCount, stored.Call));
        Assert.Equal("interpreted", (await app.SendAsync(new GetPlate(plate))).Status);

        var replated = await app.PlateAsync();
        Assert.Equal("A1", (await app.SendAsync(new PlaceTube(replated, tubes[0], null, AppFlow.Bench))).Well);
        Assert.Equal(TubeStatus.Plated, (await app.TubeAsync(tubes[0])).Status);
    }

    [Fact]
    public async Task Amplification_in_a_well_the_plate_leaves_empty_fails_qc_and_sends_every_tube_back_to_be_replated()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.SealedPlateAsync(tubes);
        var file = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(RunFiles.Csv(plate, tubes, [RunFiles.Negative, RunFiles.Negative], RunFiles.Negative))
            + $"F5,,N,31.2,{plate}\nF5,,ORF1ab,Undetermined,{plate}\n");

        var run = (await app.SendAsync(new ImportRun(plate, "run.csv", file, AppFlow.Bench))).Run;

        Assert.Equal("fail", run.Qc.Status);
        Assert.Equal(["Amplification in empty well F5 (N Ct 31.20): contamination or a misload."], run.Qc.Reasons);
        Assert.All(run.Tubes, t => Assert.Equal((null, "replate", "retest", 0), (t.Call, t.Outcome, t.Status, t.RetestCount)));
        Assert.Equal((TubeStatus.Retest, null), ((await app.TubeAsync(tubes[1])).Status, (await app.TubeAsync(tubes[1])).Call));
        Assert.StartsWith($"plate {plate} failed QC: Amplification in empty well F5", (await app.TubeAsync(tubes[0])).History[^1].Reason, StringComparison.Ordinal);
        var f5 = Assert.Single(run.Wells, w => w.Well == "F5");
        Assert.Equal(("empty", "control-fail", null), (f5.Role, f5.Call, f5.Tube));
        Assert.Null(await app.WithDbAsync(db => db.PlateReviews.SingleOrDefaultAsync(r => r.PlateBarcode == Barcode.Create(plate))));
    }

    [Fact]
    public async Task A_well_the_plates_format_lacks_is_refused_on_file_even_unnamed_and_empty()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var plate = await app.SealedPlateAsync(tubes);
        var file = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(RunFiles.Csv(plate, tubes, [RunFiles.Negative], RunFiles.Negative)) + $"I1,,N,,{plate}\n");

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ImportRun(plate, "run.csv", file, AppFlow.Bench)));

        Assert.Equal("The file has well I1, which a 96-well plate does not have.", refused.Errors["file"][1]);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRun(plate, false)));
        Assert.Equal(TubeStatus.Plated, (await app.TubeAsync(tubes[0])).Status);
    }

    [Fact]
    public async Task A_curve_check_applied_to_a_file_without_curves_is_a_note_of_the_passing_qc()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var plate = await app.SealedPlateAsync(tubes);

        var run = (await app.ImportAsync(plate, tubes, RunFiles.Negative)).Run;

        Assert.Equal(("pass", 0), (run.Qc.Status, run.Qc.Reasons.Count));
        Assert.Equal(["curve check skipped: no curves in file"], run.Qc.Notes);
        Assert.Equal(run.Qc.Notes, (await app.SendAsync(new GetRun(plate, false))).Qc.Notes);
        Assert.Equal(run.Qc.Notes, (await app.SendAsync(new Lims.Application.Features.Reviews.GetPlateReview(plate, false))).Qc.Notes);
    }

    [Fact]
    public async Task An_inconclusive_tube_goes_to_retest_until_the_kits_maximum_and_then_needs_recollection()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1, kind: "single");
        var outcomes = new List<(string Outcome, string Status, int Retests)>();

        for (var attempt = 0; attempt <= 2; attempt++)
        {
            var tube = (await app.ImportAsync(await app.SealedPlateAsync(tubes), tubes, RunFiles.OneTarget)).Run.Tubes[0];
            outcomes.Add((tube.Outcome, tube.Status, tube.RetestCount));
        }

        // The kit allows two retests: the third inconclusive result asks for a new sample instead.
        Assert.Equal([("retest", "retest", 1), ("retest", "retest", 2), ("recollection", "interpreted", 2)], outcomes);
        var stored = await app.TubeAsync(tubes[0]);
        Assert.Equal((TubeStatus.Interpreted, TubeCall.Inconclusive, app.Clock.Now), (stored.Status, stored.Call, stored.RecollectionRequiredAt));
        Assert.StartsWith("recollection required", stored.History[^1].Reason, StringComparison.Ordinal);
        var again = await app.PlateAsync();
        Assert.Equal("tube-not-plateable", (await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(again, tubes[0], null, AppFlow.Bench)))).Code);
    }

    [Fact]
    public async Task A_run_is_refused_for_an_open_plate_an_unknown_one_or_a_file_that_is_empty_or_unreadable()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var open = await app.PlateAsync();
        await app.SendAsync(new PlaceTube(open, tubes[0], null, AppFlow.Bench));
        var good = RunFiles.Csv(open, tubes, [RunFiles.Negative], RunFiles.Negative);

        var notSealed = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new ImportRun(open, "run.csv", good, AppFlow.Bench)));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ImportRun("P404404404", "run.csv", good, AppFlow.Bench)));
        await app.SendAsync(new SealPlate(open, AppFlow.Bench));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ImportRun(open, "run.csv", [], AppFlow.Bench)));
        var garbage = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportRun(open, "run.csv", Encoding.UTF8.GetBytes("this is not a result file\n"), AppFlow.Bench)));

        Assert.Equal("plate-not-sealed", notSealed.Code);
        Assert.Equal("There is no plate P404404404.", unknown.Message);
        Assert.Equal(["file"], empty.Errors.Keys);
        Assert.Equal(["file"], garbage.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.PlateRuns.CountAsync(r => r.PlateBarcode == Barcode.Create(open))));
        Assert.False((await app.SendAsync(new ImportRun(open, "run.csv", good, AppFlow.Bench))).Replayed);
    }

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "zip bomb", "unpacks to 267,386,880 bytes" },
        { "gzip bomb", "more than 100 times its packed size" },
        { "nested", "is a zip archive inside gzip" },
        { "many members", "holds 5,000 files" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_file_built_to_exhaust_memory_is_refused_on_file_and_nothing_is_stored(string kind, string why)
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var plate = await app.SealedPlateAsync(tubes);
        var file = kind switch
        {
            "zip bomb" => Hostile.EdsBomb(),
            "gzip bomb" => Hostile.GzipBomb(),
            "nested" => Hostile.Gzip(Hostile.Zip("rdml_data.xml", RunFiles.Csv(plate, tubes, [RunFiles.Negative], RunFiles.Negative))),
            _ => Hostile.ManyMembers(5_000),
        };

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ImportRun(plate, "run.eds", file, AppFlow.Bench)));

        Assert.Equal(["file"], refused.Errors.Keys);
        Assert.Contains(why, Assert.Single(refused.Errors["file"]), StringComparison.Ordinal);
        Assert.Equal("sealed", (await app.SendAsync(new GetPlate(plate))).Status);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        Assert.Equal(0, await app.WithDbAsync(db => db.RunFiles.CountAsync(f => f.Sha256 == sha256)));
    }
}

public sealed class SqliteRunImportTests(SqliteApp fixture) : RunImportTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlRunImportTests(PostgreSqlApp fixture) : RunImportTests(fixture.App), IClassFixture<PostgreSqlApp>;

using System.Security.Cryptography;
using System.Text.Json;
using Lims.Application.Features.Batches;
using Lims.Application.Features.Inactivation;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Receiving;
using Lims.Application.Features.Reviews;
using Lims.Application.Features.Runs;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Domain.Submitters;

namespace Lims.Application.Tests.Infrastructure;

/// <summary>Takes tubes through the bench by sending the use cases, as the API and the CLI do, up to the step a test starts from.</summary>
public static class AppFlow
{
    public const string Bench = "station:bench-1";
    public const string Kit = "cn-orf1ab-n";

    public static async Task<SubmitterId> SubmitterAsync(this LimsApp app)
    {
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        return new SubmitterId((await app.SendAsync(new CreateSubmitter(code, "Hospital " + code, SubmitterKind.Hospital))).Id);
    }

    /// <summary>A tube as a hospital sends it: collected two hours ago at site 7, for screening, with <paramref name="members"/> people.</summary>
    public static TubeRequest Tube(this LimsApp app, string barcode, string kind = "pooled", int members = 3, int firstPerson = 0) =>
        new(barcode, kind, kind == "pooled" ? 10 : 1, app.Clock.Now.AddHours(-2).ToString("O"), "Collection site 7", "screening",
            [.. Enumerable.Range(0, members).Select(m => (MemberRequest?)Member(firstPerson == 0 ? Random.Shared.Next(1, 1_000_000) : firstPerson + m))]);

    /// <summary>The registration of a batch with the SHA-256 of its JSON as the body's hash, under a new idempotency key unless one is given.</summary>
    public static RegisterBatch Registration(SubmitterId submitter, BatchRequest batch, string? idempotencyKey = null) =>
        new(submitter, "api:test", idempotencyKey ?? Guid.NewGuid().ToString(), SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(batch)), batch);

    /// <summary>New tubes (or the given barcodes) of a new submitter (or the given one), registered.</summary>
    public static async Task<(SubmitterId Submitter, string[] Tubes)> RegisteredTubesAsync(
        this LimsApp app, int count, string kind = "pooled", string[]? barcodes = null, SubmitterId? submitter = null, int firstPerson = 0)
    {
        var owner = submitter ?? await app.SubmitterAsync();
        var tubes = barcodes ?? [.. Enumerable.Range(0, count).Select(_ => Barcodes.New())];
        var members = kind == "pooled" ? 3 : 1;
        var batch = new BatchRequest("test batch", [.. tubes.Select((barcode, i) =>
            (TubeRequest?)app.Tube(barcode, kind, members, firstPerson == 0 ? 0 : firstPerson + i * members))]);
        var registered = await app.SendAsync(Registration(owner, batch));
        Assert.Equal(tubes.Length, registered.Receipt.Accepted);
        return (owner, tubes);
    }

    /// <summary>The submitter's tubes packed in a new box declared with as many, shipped; the box barcode.</summary>
    public static async Task<string> ShipAsync(this LimsApp app, SubmitterId submitter, params string[] tubes)
    {
        var box = Barcodes.New("B");
        Assert.False((await app.SendAsync(new ShipBox(submitter, "api:test", box, tubes.Length, tubes))).Replayed);
        return box;
    }

    /// <summary>A new scan (a scan id of its own) of the barcode into the box at the bench.</summary>
    public static Task<ScanResult> ScanAsync(this LimsApp app, string box, string tube) => app.SendAsync(new ScanTube(box, Guid.NewGuid(), tube, Bench));

    /// <summary>New tubes (or the given barcodes) of a new submitter (or the given one), registered, shipped and scanned in at the bench.</summary>
    public static async Task<(SubmitterId Submitter, string[] Tubes)> ReceivedTubesAsync(
        this LimsApp app, int count, string kind = "pooled", string[]? barcodes = null, SubmitterId? submitter = null, int firstPerson = 0)
    {
        var (owner, tubes) = await app.RegisteredTubesAsync(count, kind, barcodes, submitter, firstPerson);
        var box = await app.ShipAsync(owner, tubes);
        foreach (var tube in tubes) Assert.Equal("expected", (await app.ScanAsync(box, tube)).Outcome);
        return (owner, tubes);
    }

    /// <summary>New tubes (or the given barcodes) of a new submitter (or the given one), registered, shipped, received and inactivated.</summary>
    public static async Task<(SubmitterId Submitter, string[] Tubes)> InactivatedTubesAsync(
        this LimsApp app, int count, string kind = "pooled", string[]? barcodes = null, SubmitterId? submitter = null, int firstPerson = 0)
    {
        var (owner, tubes) = await app.ReceivedTubesAsync(count, kind, barcodes, submitter, firstPerson);
        var code = Barcodes.New("I");
        var started = await app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, tubes, Bench));
        await app.AtAsync(app.Clock.Now.AddMinutes(started.RequiredMinutes), () => app.SendAsync(new CompleteInactivation(code, null, Bench)));
        return (owner, tubes);
    }

    /// <summary>What <paramref name="action"/> answers with the clock at <paramref name="time"/>; the clock is put back after.</summary>
    public static async Task<T> AtAsync<T>(this LimsApp app, DateTimeOffset time, Func<Task<T>> action)
    {
        var before = app.Clock.Now;
        app.Clock.Now = time;
        try
        {
            return await action();
        }
        finally
        {
            app.Clock.Now = before;
        }
    }

    /// <summary>A tube as stored.</summary>
    public static Task<Tube> TubeAsync(this LimsApp app, string barcode) =>
        app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(barcode)));

    public static MemberRequest Member(long n)
    {
        var person = Population.Person(n);
        return new MemberRequest(person.IdType, person.IdNumber, person.Name, person.Phone);
    }

    /// <summary>A new open 96-well plate of the kit, filled by column (or row); its barcode.</summary>
    public static async Task<string> PlateAsync(this LimsApp app, string fillOrder = "column")
    {
        var plate = Barcodes.New("P");
        await app.SendAsync(new CreatePlate(plate, 96, Kit, null, fillOrder, Bench));
        return plate;
    }

    /// <summary>A new plate of the kit with the tubes in fill order, sealed.</summary>
    public static async Task<string> SealedPlateAsync(this LimsApp app, string[] tubes)
    {
        var plate = await app.PlateAsync();
        foreach (var tube in tubes) await app.SendAsync(new PlaceTube(plate, tube, null, Bench));
        await app.SendAsync(new SealPlate(plate, Bench));
        return plate;
    }

    /// <summary>A run file of the plate's tubes with the planted results (and a clean negative control), imported.</summary>
    public static Task<ImportedRun> ImportAsync(this LimsApp app, string plate, string[] tubes, params double?[][] results) =>
        app.SendAsync(new ImportRun(plate, "run.csv", RunFiles.Csv(plate, tubes, results, RunFiles.Negative), Bench));

    /// <summary>A sealed plate of the tubes with their run imported.</summary>
    public static async Task<string> RunAsync(this LimsApp app, string[] tubes, params double?[][] results)
    {
        var plate = await app.SealedPlateAsync(tubes);
        await app.ImportAsync(plate, tubes, results);
        return plate;
    }

    /// <summary>A new staff account of the role; its name and password (to sign with).</summary>
    public static async Task<(string Name, string Password)> StaffAsync(this LimsApp app, string role)
    {
        var name = role.Replace("-", "") + "-" + Guid.NewGuid().ToString("N")[..6];
        const string password = "correct horse battery";
        await app.SendAsync(new CreateStaffUser(name, null, role, password, "test"));
        return (name, password);
    }

    /// <summary>The plate's negatives approved by a new reviewer and released.</summary>
    public static async Task ApproveAndReleaseAsync(this LimsApp app, string plate)
    {
        var reviewer = await app.ApproveAsync(plate);
        await app.SendAsync(new ReleasePlate(plate, reviewer));
    }

    /// <summary>The plate approved to the end: a reviewer's first approval, then two different seniors' while positive decisions wait. Answers the first reviewer.</summary>
    public static async Task<string> ApproveAsync(this LimsApp app, string plate)
    {
        var reviewer = await app.StaffAsync("reviewer");
        var review = await app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password));
        for (var seniors = 0; review.Status == "awaiting-second-approval" && seniors < 2; seniors++)
        {
            var senior = await app.StaffAsync("senior-reviewer");
            review = await app.SendAsync(new ApprovePlate(plate, senior.Name, senior.Password));
        }
        Assert.Equal("awaiting-release", review.Status);
        return reviewer.Name;
    }

    /// <summary>The rows a registration writes, to see that a refused or replayed one wrote none.</summary>
    public static Task<RowCounts> CountRowsAsync(this LimsApp app) => app.WithDbAsync(async db => new RowCounts(
        await db.Submissions.CountAsync(),
        await db.Tubes.CountAsync(),
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM tube_members").SingleAsync(),
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM tube_events").SingleAsync()));
}

public sealed record RowCounts(int Submissions, int Tubes, int Members, int Events);

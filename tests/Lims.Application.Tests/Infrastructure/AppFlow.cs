using System.Security.Cryptography;
using Lims.Application.Features.Batches;
using Lims.Application.Features.Inactivation;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Receiving;
using Lims.Application.Features.Runs;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Scenarios;

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

    /// <summary>New tubes (or the given barcodes) of a new submitter (or the given one), registered, shipped, received and inactivated.</summary>
    public static async Task<(SubmitterId Submitter, string[] Tubes)> InactivatedTubesAsync(
        this LimsApp app, int count, string kind = "pooled", string[]? barcodes = null, SubmitterId? submitter = null, int firstPerson = 0)
    {
        var owner = submitter ?? await app.SubmitterAsync();
        var tubes = barcodes ?? [.. Enumerable.Range(0, count).Select(_ => Barcodes.New())];
        var (capacity, members) = kind == "pooled" ? (10, 3) : (1, 1);
        var batch = new BatchRequest("test batch", [.. tubes.Select((barcode, i) => (TubeRequest?)new TubeRequest(
            barcode, kind, capacity, app.Clock.Now.AddHours(-2), "Collection site 7", "screening",
            [.. Enumerable.Range(0, members).Select(m => (MemberRequest?)Member(firstPerson == 0 ? Random.Shared.Next(1, 1_000_000) : firstPerson + i * members + m))]))]);
        var registered = await app.SendAsync(new RegisterBatch(owner, "api:test", Guid.NewGuid().ToString(), RandomNumberGenerator.GetBytes(32), batch));
        Assert.Equal(tubes.Length, registered.Receipt.Accepted);

        var box = Barcodes.New("B");
        await app.SendAsync(new ShipBox(owner, "api:test", box, tubes.Length, tubes));
        foreach (var tube in tubes) Assert.Equal("expected", (await app.SendAsync(new ScanTube(box, Guid.NewGuid(), tube, Bench))).Outcome);
        var code = Barcodes.New("I");
        var started = await app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, tubes, Bench));
        var before = app.Clock.Now;
        app.Clock.Now = before.AddMinutes(started.RequiredMinutes);
        try
        {
            await app.SendAsync(new CompleteInactivation(code, null, Bench));
        }
        finally
        {
            app.Clock.Now = before;
        }
        return (owner, tubes);
    }

    public static MemberRequest Member(long n)
    {
        var person = Population.Person(n);
        return new MemberRequest(person.IdType, person.IdNumber, person.Name, person.Phone);
    }

    /// <summary>A new plate of the kit with the tubes in fill order, sealed.</summary>
    public static async Task<string> SealedPlateAsync(this LimsApp app, string[] tubes)
    {
        var plate = Barcodes.New("P");
        await app.SendAsync(new CreatePlate(plate, 96, Kit, null, "column", Bench));
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
}

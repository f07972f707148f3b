using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Takes tubes through the bench by HTTP (the scenario library's steps, each checking its answer), up to the step a test starts from.</summary>
public static class LabFlow
{
    /// <summary>
    /// New tubes (or the given barcodes) registered by a new submitter (or the given one), shipped in a box, received and inactivated
    /// (the server's clock moved on for the run, then back).
    /// Their people are random, or, from <paramref name="firstPerson"/> on, <c>TestData.Member(firstPerson + i)</c> in order.
    /// </summary>
    public static async Task<(HttpClient Hospital, HttpClient Lab, string[] Tubes)> InactivatedTubesAsync(
        this LimsApiFactory api, int count, string[]? barcodes = null, string kind = "pooled", HttpClient? hospital = null, string? site = null,
        int firstPerson = 0)
    {
        var submitter = new Hospital(hospital ?? await api.ClientForNewSubmitterAsync());
        var bench = new Bench(await api.LabClientAsync());
        var tubes = barcodes ?? [.. Enumerable.Range(0, count).Select(_ => NewBarcode())];
        var (capacity, members) = kind == "pooled" ? (10, 3) : (1, 1);
        await submitter.RegisterAsync([.. tubes.Select((t, i) => Batches.Tube(t, members, capacity, kind,
            firstPerson: firstPerson == 0 ? null : firstPerson + i * members, site: site ?? Batches.Site))], BatchReference);
        var box = NewBarcode("B");
        await submitter.ShipAsync(box, tubes);
        await bench.ReceiveAsync(box, tubes);
        await bench.InactivateAsync(NewBarcode("I"), tubes, api.Clock);
        return (submitter.Http, bench.Http, tubes);
    }

    /// <summary>A new plate of the kit with the tubes placed in fill order, sealed.</summary>
    public static Task<string> SealedPlateAsync(HttpClient lab, string[] tubes, string kit = Bench.DefaultKit) =>
        new Bench(lab).SealedPlateAsync(tubes, kit);
}

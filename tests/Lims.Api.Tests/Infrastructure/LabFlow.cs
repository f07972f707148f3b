using System.Net;
using System.Net.Http.Json;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Takes tubes through the bench by HTTP, as a lab would, up to the step a test starts from.</summary>
public static class LabFlow
{
    /// <summary>
    /// New tubes (or the given barcodes) registered by a new submitter (or the given one), shipped in a box, received and inactivated.
    /// Their people are random, or, from <paramref name="firstPerson"/> on, <c>TestData.Member(firstPerson + i)</c> in order.
    /// </summary>
    public static async Task<(HttpClient Hospital, HttpClient Lab, string[] Tubes)> InactivatedTubesAsync(
        this LimsApiFactory api, int count, string[]? barcodes = null, string kind = "pooled", HttpClient? hospital = null, string? site = null,
        int firstPerson = 0)
    {
        hospital ??= await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = barcodes ?? [.. Enumerable.Range(0, count).Select(_ => NewBarcode())];
        var (capacity, members) = kind == "pooled" ? (10, 3) : (1, 1);
        var registered = await hospital.SendAsync(Post(Batch([.. tubes.Select((t, i) =>
        {
            var tube = Tube(t, members, capacity, kind, firstPerson: firstPerson == 0 ? 0 : firstPerson + i * members);
            if (site is not null) tube["site"] = site;
            return (object)tube;
        })])));
        Assert.Equal(tubes.Length, (await registered.JsonAsync()).GetProperty("accepted").GetInt32());
        var box = NewBarcode("B");
        await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = tubes.Length, tubes });
        foreach (var tube in tubes) await lab.PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() });
        var code = NewBarcode("I");
        await lab.PostAsJsonAsync("/api/v1/lab/inactivations", new { code, equipment = "Block 1", tubes });
        var before = api.Clock.Now;
        api.Clock.Now = before.AddMinutes(30);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await lab.PostAsJsonAsync($"/api/v1/lab/inactivations/{code}/complete", new { })).StatusCode);
        }
        finally
        {
            api.Clock.Now = before;
        }
        return (hospital, lab, tubes);
    }

    /// <summary>A new plate of the kit with the tubes placed in fill order, sealed.</summary>
    public static async Task<string> SealedPlateAsync(HttpClient lab, string[] tubes, string kit = "cn-orf1ab-n")
    {
        var plate = NewBarcode("P");
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, kit });
        foreach (var tube in tubes) Assert.Equal(HttpStatusCode.OK, (await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lab.PostAsync($"/api/v1/lab/plates/{plate}/seal", null)).StatusCode);
        return plate;
    }
}

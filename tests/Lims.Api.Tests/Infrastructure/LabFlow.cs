using System.Net;
using System.Net.Http.Json;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Takes tubes through the bench by HTTP, as a lab would, up to the step a test starts from.</summary>
public static class LabFlow
{
    /// <summary>New tubes (or the given barcodes) registered by a new submitter, shipped in a box, received and inactivated.</summary>
    public static async Task<(HttpClient Hospital, HttpClient Lab, string[] Tubes)> InactivatedTubesAsync(
        this LimsApiFactory api, int count, string[]? barcodes = null, string kind = "pooled")
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tubes = barcodes ?? [.. Enumerable.Range(0, count).Select(_ => NewBarcode())];
        var (capacity, members) = kind == "pooled" ? (10, 3) : (1, 1);
        var registered = await hospital.SendAsync(Post(Batch([.. tubes.Select(t => (object)Tube(t, members, capacity, kind))])));
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
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Assay kits as data, and plates: controls placed by the kit, tubes by scan, moves until sealed, the plate map.</summary>
public abstract class PlateTests(LimsApiFactory api)
{
    [Fact]
    public async Task A_new_plate_has_the_kits_controls_and_takes_inactivated_tubes_in_scan_order()
    {
        var (hospital, lab, tubes) = await InactivatedTubesAsync(3);
        var plate = NewBarcode("P");

        var created = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, size = 96, kit = "cn-orf1ab-n" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var wells = (await created.JsonAsync()).GetProperty("wells").EnumerateArray().Select(w => (w.GetProperty("well").GetString(), w.GetProperty("role").GetString())).ToList();
        Assert.Equal([("G12", "negative-control"), ("H12", "positive-control")], wells);

        var placed = new List<string?>();
        foreach (var tube in tubes)
            placed.Add((await (await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube })).JsonAsync()).GetProperty("well").GetString());

        Assert.Equal(["A1", "B1", "C1"], placed);
        var history = (await (await hospital.GetAsync($"/api/v1/tubes/{tubes[1]}")).JsonAsync()).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("plated", history.GetProperty("to").GetString());
        Assert.Equal($"plate {plate} well B1", history.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Tubes_can_be_placed_and_moved_until_the_plate_is_sealed_and_the_map_follows()
    {
        var (_, lab, tubes) = await InactivatedTubesAsync(2);
        var plate = NewBarcode("P");
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, size = 96, kit = "cn-orf1ab-n", fillOrder = "row" });

        var first = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube = tubes[0] });
        var manual = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube = tubes[1], well = "D05" });
        var retry = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube = tubes[0] });
        var moved = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/moves", new { from = "D5", to = "A2" });
        var sealedPlate = await lab.PostAsync($"/api/v1/lab/plates/{plate}/seal", null);
        var afterSeal = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/moves", new { from = "A2", to = "A3" });
        var map = await lab.GetStringAsync($"/api/v1/lab/plates/{plate}/map.csv");

        Assert.Equal("A1", (await first.JsonAsync()).GetProperty("well").GetString());
        Assert.Equal("D5", (await manual.JsonAsync()).GetProperty("well").GetString());
        Assert.Equal("A1", (await retry.JsonAsync()).GetProperty("well").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("sealed", (await sealedPlate.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, afterSeal.StatusCode);
        Assert.Equal("plate-sealed", (await afterSeal.JsonAsync()).GetProperty("code").GetString());
        var lines = map.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Well,Sample Name,Role", lines[0]);
        Assert.Equal($"A1,{tubes[0]},sample", lines[1]);
        Assert.Equal($"A2,{tubes[1]},sample", lines[2]);
        Assert.Equal(["H11", "H12"], lines[3..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task A_tube_goes_on_one_plate_only_and_only_once_inactivated()
    {
        var (hospital, lab, tubes) = await InactivatedTubesAsync(1);
        var notInactivated = NewBarcode();
        await hospital.SendAsync(Post(Batch(Tube(notInactivated))));
        var (one, two) = (NewBarcode("P"), NewBarcode("P"));
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = one, kit = "cn-orf1ab-n" });
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = two, kit = "cn-orf1ab-n" });
        await lab.PostAsJsonAsync($"/api/v1/lab/plates/{one}/tubes", new { tube = tubes[0] });

        var secondPlate = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{two}/tubes", new { tube = tubes[0] });
        var early = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{two}/tubes", new { tube = notInactivated });
        var taken = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{one}/moves", new { from = "A1", to = "H12" });
        var noWell = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{one}/moves", new { from = "A1", to = "Z99" });
        var emptySeal = await lab.PostAsync($"/api/v1/lab/plates/{two}/seal", null);

        Assert.Equal(HttpStatusCode.Conflict, secondPlate.StatusCode);
        Assert.Equal("tube-not-plateable", (await secondPlate.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWell.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, emptySeal.StatusCode);
        var plate = await (await lab.GetAsync($"/api/v1/lab/plates/{two}")).JsonAsync();
        Assert.DoesNotContain(plate.GetProperty("wells").EnumerateArray(), w => w.GetProperty("role").GetString() == "sample");
    }

    [Fact]
    public async Task Creating_a_plate_is_idempotent_and_needs_a_known_kit_and_size()
    {
        var lab = await api.LabClientAsync();
        var plate = NewBarcode("P");

        var first = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, size = 384, kit = "cdc-2019-ncov" });
        var retry = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, size = 384, kit = "cdc-2019-ncov" });
        var other = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, size = 96, kit = "cdc-2019-ncov" });
        var noKit = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = NewBarcode("P"), kit = "no-such-kit" });
        var badSize = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = NewBarcode("P"), size = 48, kit = "cdc-2019-ncov" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noKit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Contains((await first.JsonAsync()).GetProperty("wells").EnumerateArray(), w => w.GetProperty("well").GetString() == "P24");
    }

    [Fact]
    public async Task A_labs_own_kit_is_versioned_never_edited_in_place()
    {
        var lab = await api.LabClientAsync();
        var code = "lab-kit-" + Guid.NewGuid().ToString("N")[..6];
        string Kit(string version, double cutoff) => $$"""
            { "code": "{{code}}", "name": "Lab kit", "version": "{{version}}", "ctCutoff": {{cutoff}}, "requiredPositiveTargets": 1,
              "targets": [ { "name": "E", "dye": "FAM", "role": "pathogen" }, { "name": "IC", "dye": "Cy5", "role": "internal-control" } ] }
            """;

        var v1 = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("1", 38), Encoding.UTF8, "application/json"));
        var again = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("1", 38), Encoding.UTF8, "application/json"));
        var edited = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("1", 36), Encoding.UTF8, "application/json"));
        api.Clock.Now = api.Clock.Now.AddMinutes(1);
        var v2 = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("2", 36), Encoding.UTF8, "application/json"));
        var contradictory = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("3", 36).Replace("\"requiredPositiveTargets\": 1", "\"requiredPositiveTargets\": 3", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        var builtIn = await lab.PostAsync("/api/v1/lab/kits", new StringContent(Kit("1", 38).Replace(code, "cn-orf1ab-n", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, v1.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, contradictory.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, builtIn.StatusCode);
        var kits = (await (await lab.GetAsync("/api/v1/lab/kits")).JsonAsync()).EnumerateArray()
            .Select(k => (k.GetProperty("code").GetString(), k.GetProperty("version").GetString())).ToList();
        Assert.Contains(("cn-orf1ab-n", BuiltInVersion("cn-orf1ab-n")), kits);
        Assert.Equal(["1", "2"], kits.Where(k => k.Item1 == code).Select(k => k.Item2));

        // A plate pins the latest version when none is named.
        var plate = await (await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = NewBarcode("P"), kit = code })).JsonAsync();
        Assert.Equal("2", plate.GetProperty("kitVersion").GetString());
    }

    private static string BuiltInVersion(string code) => Domain.Assays.BuiltInKits.Find(code)!.Version;

    private Task<(HttpClient Hospital, HttpClient Lab, string[] Tubes)> InactivatedTubesAsync(int count) => api.InactivatedTubesAsync(count);
}

public sealed class SqlitePlateTests(SqliteApi fixture) : PlateTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlPlateTests(PostgreSqlApi fixture) : PlateTests(fixture.Api), IClassFixture<PostgreSqlApi>;

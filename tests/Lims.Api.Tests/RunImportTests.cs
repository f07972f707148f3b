using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Instrument run files uploaded to sealed plates: matched, interpreted by the kit, applied to the tubes, kept unchanged.</summary>
public abstract class RunImportTests(LimsApiFactory api)
{
    private const string Kit = "cn-orf1ab-n";

    [Fact]
    public async Task The_CDC_sample_file_calls_its_tubes_and_holds_the_pooled_positive_for_deconvolution()
    {
        // The mock CDC plate names its samples INM01–INM04, three wells each (N1, N2, RP).
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string[] tubes = [$"INM01{suffix}", $"INM02{suffix}", $"INM03{suffix}", $"INM04{suffix}"];
        var (hospital, lab, _) = await api.InactivatedTubesAsync(4, tubes);
        var plate = NewBarcode("P");
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, kit = "cdc-2019-ncov" });
        foreach (var (tube, well) in tubes.Zip(["B5", "B9", "C1", "C5"]))
            Assert.Equal(HttpStatusCode.OK, (await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube, well })).StatusCode);
        var controls = (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}")).JsonAsync()).GetProperty("wells").EnumerateArray()
            .Where(w => w.GetProperty("role").GetString() != "sample").ToDictionary(w => w.GetProperty("role").GetString()!, w => w.GetProperty("well").GetString());
        await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/moves", new { from = controls["negative-control"], to = "A1" });
        await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/moves", new { from = controls["positive-control"], to = "A9" });
        await lab.PostAsync($"/api/v1/lab/plates/{plate}/seal", null);
        var file = Rename(await File.ReadAllBytesAsync(SamplePath("COVID_CDC_mock_passing_plate.eds")), suffix);

        var response = await lab.SendAsync(Upload(plate, file, "COVID_CDC_mock_passing_plate.eds"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var run = await response.JsonAsync();
        Assert.Equal("abi-7500-eds", run.GetProperty("format").GetString());
        Assert.Equal("pass", run.GetProperty("qc").GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), run.GetProperty("file").GetProperty("sha256").GetString());
        var byTube = run.GetProperty("tubes").EnumerateArray().ToDictionary(t => t.GetProperty("tube").GetString()!);
        Assert.Equal(("positive", "called", "interpreted", "pool-positive-awaiting-deconvolution"), Summary(byTube[tubes[0]]));
        Assert.Equal(("negative", "called", "interpreted", null), Summary(byTube[tubes[1]]));
        Assert.Equal(("inconclusive", "retest", "retest", null), Summary(byTube[tubes[2]]));
        Assert.Equal(("positive", "called", "interpreted", "pool-positive-awaiting-deconvolution"), Summary(byTube[tubes[3]]));
        var wellsOfFirst = run.GetProperty("wells").EnumerateArray().Where(w => w.GetProperty("tube").GetString() == tubes[0]).Select(w => w.GetProperty("well").GetString());
        Assert.Equal(["B5", "B6", "B7"], wellsOfFirst);

        // The submitter sees the steps in the tube's history.
        var history = (await (await hospital.GetAsync($"/api/v1/tubes/{tubes[2]}")).JsonAsync()).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("to").GetString()).TakeLast(3);
        Assert.Equal(["amplified", "interpreted", "retest"], history);

        // Curves are kept, and the file is kept byte for byte.
        var withCurves = await (await lab.GetAsync($"/api/v1/lab/plates/{plate}/run?curves=true")).JsonAsync();
        var curve = withCurves.GetProperty("wells").EnumerateArray().First(w => w.GetProperty("well").GetString() == "B5").GetProperty("targets")[0].GetProperty("curve");
        Assert.Equal(JsonValueKind.Array, curve.ValueKind);
        Assert.True(curve.GetArrayLength() >= 40);
        Assert.Equal(file, await lab.GetByteArrayAsync($"/api/v1/lab/plates/{plate}/run/file"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_answers_the_first_import_and_changes_nothing()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(2);
        var file = Csv(plate, tubes, Negative, Negative);

        var first = await lab.SendAsync(Upload(plate, file));
        var again = await lab.SendAsync(Upload(plate, file, multipart: true));
        var otherPlate = (await SealedPlateAsync(2)).Plate;
        var elsewhere = await lab.SendAsync(Upload(otherPlate, file));

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.JsonAsync()).GetRawText(), (await again.JsonAsync()).GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Equal("file-imported-for-another-plate", (await elsewhere.JsonAsync()).GetProperty("code").GetString());
        var events = await api.WithDbAsync(db => Task.FromResult(db.Tubes.Where(t => t.Barcode == Domain.Tubes.Barcode.Create(tubes[0])).Select(t => t.History.Count).Single()));
        Assert.Equal(7, events); // registered, shipped, received, inactivated, plated, amplified, interpreted: the replay wrote nothing
    }

    [Fact]
    public async Task A_failed_control_sends_every_tube_back_to_be_replated_and_a_retest_goes_on_a_new_plate()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(2);
        // The NTC amplifies: contamination.
        var file = Csv(plate, tubes, Positive, Negative, ntc: Positive);

        var run = await (await lab.SendAsync(Upload(plate, file))).JsonAsync();

        Assert.Equal("fail", run.GetProperty("qc").GetProperty("status").GetString());
        Assert.Contains("Negative control", run.GetProperty("qc").GetProperty("reasons")[0].GetString());
        Assert.All(run.GetProperty("tubes").EnumerateArray(), t => Assert.Equal((null, "replate", "retest", null), Summary(t)));
        Assert.All(run.GetProperty("tubes").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("retestCount").GetInt32()));
        Assert.Equal("interpreted", (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}")).JsonAsync()).GetProperty("status").GetString());

        var next = NewBarcode("P");
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = next, kit = Kit });
        var replated = await lab.PostAsJsonAsync($"/api/v1/lab/plates/{next}/tubes", new { tube = tubes[0] });
        Assert.Equal(HttpStatusCode.OK, replated.StatusCode);
        Assert.Equal("A1", (await replated.JsonAsync()).GetProperty("well").GetString());
    }

    [Fact]
    public async Task After_the_kits_retests_an_inconclusive_tube_needs_recollection()
    {
        var (hospital, lab, tubes) = await api.InactivatedTubesAsync(1, kind: "single");
        JsonElement last = default;
        for (var attempt = 0; attempt <= 2; attempt++)
        {
            var plate = NewBarcode("P");
            await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = plate, kit = Kit });
            await lab.PostAsJsonAsync($"/api/v1/lab/plates/{plate}/tubes", new { tube = tubes[0] });
            await lab.PostAsync($"/api/v1/lab/plates/{plate}/seal", null);
            last = (await (await lab.SendAsync(Upload(plate, Csv(plate, tubes, OneTarget)))).JsonAsync()).GetProperty("tubes")[0];
            Assert.Equal(attempt < 2 ? "retest" : "recollection", last.GetProperty("outcome").GetString());
        }

        Assert.Equal(("inconclusive", "recollection", "interpreted", null), Summary(last));
        var tube = await (await hospital.GetAsync($"/api/v1/tubes/{tubes[0]}")).JsonAsync();
        Assert.Equal("interpreted", tube.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, tube.GetProperty("recollectionRequiredAt").ValueKind);
    }

    [Fact]
    public async Task A_file_that_does_not_fit_the_plate_is_refused_with_every_reason_and_nothing_changes()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(2);
        var swapped = Csv(plate, [tubes[1], tubes[0]], Negative, Negative);

        var response = await lab.SendAsync(Upload(plate, swapped));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.StartsWith($"The file does not match plate {plate} (2 problems)", errors[0], StringComparison.Ordinal);
        Assert.Contains($"Well A1 names tube {tubes[1]}, which the plate has in B1; the plate has tube {tubes[0]} in A1.", errors);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"/api/v1/lab/plates/{plate}/run")).StatusCode);
        Assert.Equal("sealed", (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.RunFiles.Count(f => f.Sha256 == Convert.ToHexStringLower(SHA256.HashData(swapped))))));

        // The right file still imports afterwards.
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(Upload(plate, Csv(plate, tubes, Negative, Negative)))).StatusCode);
    }

    [Fact]
    public async Task Bad_uploads_are_precise_problems()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(1);
        var open = NewBarcode("P");
        await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode = open, kit = Kit });
        var hospital = await api.ClientForNewSubmitterAsync();
        var good = Csv(plate, tubes, Negative);

        var garbage = await lab.SendAsync(Upload(plate, Encoding.UTF8.GetBytes("this is not a result file\n")));
        var truncated = await lab.SendAsync(Upload(plate, (await File.ReadAllBytesAsync(SamplePath("COVID_CDC_mock_passing_plate.eds")))[..900]));
        var empty = await lab.SendAsync(Upload(plate, []));
        var noFileField = await lab.PostAsync($"/api/v1/lab/plates/{plate}/run", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var urlEncoded = await lab.PostAsync($"/api/v1/lab/plates/{plate}/run", new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var notSealed = await lab.SendAsync(Upload(open, Csv(open, [], Negative)));
        var unknownPlate = await lab.SendAsync(Upload("P404404404", good));
        var submitter = await hospital.SendAsync(Upload(plate, good));

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("file", (await garbage.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFileField.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, urlEncoded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notSealed.StatusCode);
        Assert.Equal("plate-not-sealed", (await notSealed.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownPlate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submitter.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(Upload(plate, good))).StatusCode);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("cfx")]
    [InlineData("rdes")]
    public async Task Amplification_in_an_empty_well_fails_the_plate_naming_the_well_and_every_tube_goes_back_to_be_replated(string format)
    {
        var (lab, plate, tubes) = await SealedPlateAsync(2);
        // F5 holds nothing on the plate; the file has no name for it, but a Ct on both targets.
        var file = Written(format, plate, [.. Layout(tubes, Negative), ("F5", null, Positive)]);

        var response = await lab.SendAsync(Upload(plate, file, $"run.{format}"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var run = await response.JsonAsync();
        var qc = run.GetProperty("qc");
        Assert.Equal("fail", qc.GetProperty("status").GetString());
        var reason = Assert.Single(qc.GetProperty("reasons").EnumerateArray()).GetString()!;
        Assert.StartsWith("Amplification in empty well F5 (ORF1ab Ct 24.10, N Ct 25.30", reason, StringComparison.Ordinal);
        Assert.EndsWith("): contamination or a misload.", reason, StringComparison.Ordinal);
        // As with a failed control: no call, every tube back to be re-plated without using up a retest.
        Assert.All(run.GetProperty("tubes").EnumerateArray(), t => Assert.Equal((null, "replate", "retest", null), Summary(t)));
        Assert.All(run.GetProperty("tubes").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("retestCount").GetInt32()));
        var f5 = run.GetProperty("wells").EnumerateArray().Single(w => w.GetProperty("well").GetString() == "F5");
        Assert.Equal(("empty", "control-fail", JsonValueKind.Null), (f5.GetProperty("role").GetString(), f5.GetProperty("call").GetString(), f5.GetProperty("tube").ValueKind));
        var history = (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}/run")).JsonAsync()).GetProperty("qc").GetProperty("reasons")[0].GetString();
        Assert.Equal(reason, history);
    }

    [Fact]
    public async Task An_empty_well_without_amplification_does_not_fail_the_plate()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(1);
        // A Ct above the kit's cut-off (40) is no amplification.
        var file = Written("csv", plate, [.. Layout(tubes, Negative), ("F5", null, [null, null, 41.5])]);

        var run = await (await lab.SendAsync(Upload(plate, file))).JsonAsync();

        Assert.Equal("pass", run.GetProperty("qc").GetProperty("status").GetString());
        Assert.Equal(("negative", "called", "interpreted", null), Summary(run.GetProperty("tubes")[0]));
    }

    [Fact]
    public async Task Wells_a_96_well_plate_cannot_have_are_a_400_listing_them_and_nothing_is_stored()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(1);
        // A 384-well export: A13 and P24 are unnamed and empty, and still not wells of this plate.
        var file = Written("csv", plate, [.. Layout(tubes, Negative), ("A13", null, [null, null, null]), ("P24", null, [null, null, null])]);

        var response = await lab.SendAsync(Upload(plate, file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["file"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(
            [$"The file does not match plate {plate} (1 problem); nothing was imported.", "The file has 2 wells a 96-well plate does not have: A13, P24."],
            errors.GetProperty("file").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"/api/v1/lab/plates/{plate}/run")).StatusCode);
        Assert.Equal("sealed", (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.RunFiles.Count(f => f.Sha256 == Convert.ToHexStringLower(SHA256.HashData(file))))));
    }

    [Fact]
    public async Task A_kit_that_checks_curves_on_a_file_without_curves_says_so_in_the_qc_answer_and_the_reviewer_sees_it()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(1);

        var run = await (await lab.SendAsync(Upload(plate, Csv(plate, tubes, Negative)))).JsonAsync();

        var qc = run.GetProperty("qc");
        Assert.Equal("pass", qc.GetProperty("status").GetString());
        Assert.Empty(qc.GetProperty("reasons").EnumerateArray());
        Assert.Equal(["curve check skipped: no curves in file"], qc.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        var reviewer = await api.StaffClientAsync("reviewer");
        var review = await (await reviewer.Http.GetAsync($"/api/v1/review/plates/{plate}")).JsonAsync();
        Assert.Equal(["curve check skipped: no curves in file"], review.GetProperty("qc").GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task A_file_with_curves_leaves_the_curve_check_without_a_note()
    {
        var (lab, plate, tubes) = await SealedPlateAsync(1);

        var run = await (await lab.SendAsync(Upload(plate, Written("rdes", plate, Layout(tubes, Negative)), "run.rdes"))).JsonAsync();

        Assert.Equal("pass", run.GetProperty("qc").GetProperty("status").GetString());
        Assert.Empty(run.GetProperty("qc").GetProperty("notes").EnumerateArray());
        Assert.Equal(("negative", "called", "interpreted", null), Summary(run.GetProperty("tubes")[0]));
    }

    /// <summary>The plate's tubes in fill order (A1, B1, …) with <paramref name="cts"/>, its negative control in G12 and positive control in H12.</summary>
    private static List<(string Well, string? Sample, double?[] Cts)> Layout(string[] tubes, double?[] cts) =>
        [.. tubes.Select((t, i) => ($"{(char)('A' + i % 8)}{i / 8 + 1}", (string?)t, cts)), ("G12", "NTC", Negative), ("H12", "PC", Positive)];

    /// <summary>
    /// Wells written as plain CSV (well,sample,target,ct), as a Bio-Rad CFX Cq results CSV, or as an RDES table with a
    /// rising curve behind every Ct and a flat one elsewhere; the plate barcode keeps each file unique.
    /// </summary>
    private static byte[] Written(string format, string plate, IEnumerable<(string Well, string? Sample, double?[] Cts)> wells)
    {
        string[] targets = ["ORF1ab", "N", "IC"];
        string[] dyes = ["FAM", "VIC", "Cy5"];
        static string Ct(double? ct) => ct is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var text = new StringBuilder(format switch
        {
            "csv" => "well,sample,target,ct,plate\n",
            "cfx" => ",Well,Fluor,Target,Content,Sample,Cq,Plate\n",
            _ => "Well\tSample\tSample Type\tTarget\tTarget Type\tDye\tCq\t" + string.Join('\t', Enumerable.Range(1, 40)) + "\n",
        });
        foreach (var (well, sample, cts) in wells)
            for (var t = 0; t < targets.Length; t++)
            {
                var ct = cts[t];
                text.Append(format switch
                {
                    "csv" => $"{well},{sample},{targets[t]},{Ct(ct)},{plate}\n",
                    "cfx" => $",{well[0]}{int.Parse(well[1..], System.Globalization.CultureInfo.InvariantCulture):00},{dyes[t]},{targets[t]},Unkn,{sample},{(ct is null ? "NaN" : Ct(ct))},{plate}\n",
                    _ => $"{well}\t{sample ?? ""}\tunkn\t{targets[t]}\ttoi\t{dyes[t]}\t{(ct is null ? "-1" : Ct(ct))}\t"
                        + string.Join('\t', Enumerable.Range(1, 40).Select(c => (ct is { } v ? 1000 / (1 + Math.Exp(v - c)) : 0.001 * (c % 3)).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture))) + "\n",
                });
            }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static readonly double?[] Positive = RunFiles.Positive;
    private static readonly double?[] Negative = RunFiles.Negative;
    private static readonly double?[] OneTarget = RunFiles.OneTarget;

    private async Task<(HttpClient Lab, string Plate, string[] Tubes)> SealedPlateAsync(int count)
    {
        var (_, lab, tubes) = await api.InactivatedTubesAsync(count);
        return (lab, await LabFlow.SealedPlateAsync(lab, tubes, Kit), tubes);
    }

    private static byte[] Csv(string plate, string[] tubes, params double?[][] samples) => RunFiles.Csv(plate, tubes, samples, Negative);

    private static byte[] Csv(string plate, string[] tubes, double?[] first, double?[] second, double?[] ntc) => RunFiles.Csv(plate, tubes, [first, second], ntc);

    private static HttpRequestMessage Upload(string plate, byte[] file, string name = "run.csv", bool multipart = false) => RunFiles.Upload(plate, file, name, multipart);

    private static (string? Call, string? Outcome, string? Status, string? Hold) Summary(JsonElement tube) =>
        (tube.GetProperty("call").GetString(), tube.GetProperty("outcome").GetString(), tube.GetProperty("status").GetString(), tube.GetProperty("hold").GetString());

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    /// <summary>The sample file with its sample names made unique to this run (INM01 → INM01 + 6 characters), the rest byte for byte.</summary>
    private static byte[] Rename(byte[] eds, string suffix)
    {
        using var input = new MemoryStream(eds);
        using var output = new MemoryStream();
        using (var source = new System.IO.Compression.ZipArchive(input, System.IO.Compression.ZipArchiveMode.Read))
        using (var target = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName.EndsWith(".txt", StringComparison.Ordinal))
                    text = System.Text.RegularExpressions.Regex.Replace(text, @"\bINM0(\d)\b", $"INM0${{1}}{suffix}");
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
        }
        return output.ToArray();
    }
}

public sealed class SqliteRunImportTests(SqliteApi fixture) : RunImportTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlRunImportTests(PostgreSqlApi fixture) : RunImportTests(fixture.Api), IClassFixture<PostgreSqlApi>;

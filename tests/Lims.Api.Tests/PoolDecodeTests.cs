using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;

namespace Lims.Api.Tests;

/// <summary><c>POST /api/v1/pooling/decode</c>: a design and its pool results in, the decoding out (as <c>lims pool decode --json</c>).</summary>
public abstract class PoolDecodeTests(LimsApiFactory api)
{
    /// <summary>A 3 × 3 array: samples S1 … S9 row by row, rows R1 … R3, columns C1 … C3.</summary>
    private static object[] Array3x3() =>
        [.. Enumerable.Range(1, 9).SelectMany(s => new object[] { new { pool = $"R{(s - 1) / 3 + 1}", sample = $"S{s}" }, new { pool = $"C{(s - 1) % 3 + 1}", sample = $"S{s}" } })];

    private static object Result(string pool, double? ct) => new { pool, ct };

    private static string[] Strings(JsonElement json, string property) => [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Registered_pooled_tubes_are_never_pooled_again_and_count_as_their_swabs()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        string[] tubes = [TestData.NewBarcode(), TestData.NewBarcode()];
        await hospital.SendAsync(TestData.Post(TestData.Batch([.. tubes.Select(t => (object)TestData.Tube(t, members: 3))])));
        object[] design = [new { pool = "L1", sample = tubes[0] }, new { pool = "L1", sample = tubes[1] }, new { pool = "L1", sample = "S-1" }];

        var refused = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design, results = new[] { Result("L1", null) } });
        var alone = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design = new[] { new { pool = "L2", sample = tubes[0] } }, results = new[] { Result("L2", 30) } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("pooled collection tube of 3 swabs", (await refused.JsonAsync()).GetProperty("errors").GetProperty("design")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.Equal([tubes[0]], Strings(await alone.JsonAsync(), "definitePositives"));
    }

    [Fact]
    public async Task A_design_made_under_a_larger_dilution_cap_decodes_with_dilutionCap_and_is_refused_without()
    {
        var lab = await api.LabClientAsync();
        // P-BEST style: pools of 48 samples.
        object[] design = [.. Enumerable.Range(1, 96).Select(s => new { pool = $"P{(s - 1) / 48 + 1}", sample = $"S{s}" })];
        object[] results = [Result("P1", 31.5), Result("P2", null)];

        var capped = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design, results });
        var decoded = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design, results, dilutionCap = 48 });
        var tooSmall = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design, results, dilutionCap = 47 });

        Assert.Equal(HttpStatusCode.BadRequest, capped.StatusCode);
        Assert.Equal("Pool 'P1' holds 48 swabs; the dilution cap is 20 swabs per reaction.", (await capped.JsonAsync()).GetProperty("errors").GetProperty("design")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
        var report = await decoded.JsonAsync();
        Assert.Equal(48, Strings(report, "definitePositives").Length + Strings(report, "possiblePositives").Length);
        Assert.Equal([.. Enumerable.Range(49, 48).Select(s => $"S{s}").Order(StringComparer.Ordinal)], Strings(report, "negatives"));
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
        Assert.Contains("the dilution cap is 47 swabs", (await tooSmall.JsonAsync()).GetProperty("errors").GetProperty("design")[0].GetString());
    }

    [Fact]
    public async Task A_registered_pooled_tube_is_never_pooled_again_whatever_the_dilution_cap()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        var tube = TestData.NewBarcode();
        await hospital.SendAsync(TestData.Post(TestData.Batch(TestData.Tube(tube, members: 10))));
        object[] design = [new { pool = "L1", sample = tube }, new { pool = "L1", sample = "S-1" }];

        var refused = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design, results = new[] { Result("L1", null) }, dilutionCap = 48 });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("pooled-tube-pooled-again", problem.GetProperty("code").GetString());
        Assert.Contains($"'{tube}' is a pooled collection tube of 10 swabs and is never pooled again", problem.GetProperty("errors").GetProperty("design")[0].GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public async Task A_dilution_cap_outside_2_to_1000_is_400_on_dilutionCap(int cap)
    {
        var lab = await api.LabClientAsync();

        var response = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design = Array3x3(), results = new[] { Result("R1", null) }, dilutionCap = cap });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["dilutionCap"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal($"The dilution cap (most swabs behind one reaction) is between 2 and 1000; got {cap}.", errors.GetProperty("dilutionCap")[0].GetString());
    }

    [Fact]
    public async Task Two_positives_on_a_diagonal_answer_four_possible_positives_and_their_retest_order()
    {
        var lab = await api.LabClientAsync();

        var response = await lab.PostAsJsonAsync("/api/v1/pooling/decode", new
        {
            design = Array3x3(),
            results = new[] { Result("R1", 30), Result("R2", 31), Result("R3", null), Result("C1", 29), Result("C2", 32), Result("C3", null) },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Empty(Strings(json, "definitePositives"));
        Assert.Equal(["S1", "S2", "S4", "S5"], Strings(json, "possiblePositives"));
        Assert.Equal(["S3", "S6", "S7", "S8", "S9"], Strings(json, "negatives"));
        Assert.Empty(Strings(json, "unexplainedPositivePools"));
        Assert.Equal(["S1", "S4", "S2", "S5"], Strings(json, "retests"));
        Assert.Empty(Strings(json, "untestedPools"));
    }

    [Fact]
    public async Task The_cut_off_is_the_requests_and_contradictions_and_untested_pools_are_named()
    {
        var lab = await api.LabClientAsync();
        // Row 3 and column 3 were not run.
        object[] results = [Result("R1", 38.5), Result("R2", null), Result("C1", null), Result("C2", null)];

        var atForty = await (await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design = Array3x3(), results })).JsonAsync();
        var atThirtyEight = await (await lab.PostAsJsonAsync("/api/v1/pooling/decode", new { design = Array3x3(), results, ctCutoff = 38 })).JsonAsync();

        // S3 is the only candidate of the positive row 1; S9 rests on untested pools alone.
        Assert.Equal(["S3"], Strings(atForty, "definitePositives"));
        Assert.Equal(["S9"], Strings(atForty, "retests"));
        Assert.Equal(["C3", "R3"], Strings(atForty, "untestedPools"));
        Assert.Contains(atForty.GetProperty("flags").EnumerateArray(), f => f.GetProperty("id").GetString() == "R1" && f.GetProperty("flag").GetString() == "weak-positive");
        // At 38, row 1 is negative and clears S3.
        Assert.Empty(Strings(atThirtyEight, "definitePositives"));
        Assert.Equal(["S9"], Strings(atThirtyEight, "retests"));
        Assert.Equal(7 + 1, Strings(atThirtyEight, "negatives").Length);
    }

    [Fact]
    public async Task A_positive_pool_no_sample_explains_is_reported()
    {
        var lab = await api.LabClientAsync();

        var json = await (await lab.PostAsJsonAsync("/api/v1/pooling/decode", new
        {
            design = Array3x3(),
            results = new[] { Result("R1", 33), Result("R2", null), Result("R3", null), Result("C1", null), Result("C2", null), Result("C3", null) },
        })).JsonAsync();

        Assert.Equal(["R1"], Strings(json, "unexplainedPositivePools"));
        Assert.Equal(9, Strings(json, "negatives").Length);
    }

    [Fact]
    public async Task Bad_input_is_400_with_the_field_and_the_reason()
    {
        var lab = await api.LabClientAsync();
        var cases = new (object Body, string Field, string Says)[]
        {
            (new { design = Array3x3(), results = new[] { Result("R9", 30) } }, "results", "'R9'"),
            (new { design = Array3x3(), results = new[] { Result("R1", 30), Result("R1", 31) } }, "results", "two results"),
            (new { design = Array3x3(), results = new[] { Result("R1", -2) } }, "results", "cycles"),
            (new { design = new object[] { new { pool = "P1", sample = "a" }, new { pool = "", sample = "b" } }, results = Array.Empty<object>() }, "design", "'b' is in no pool"),
            (new { design = new object[] { new { pool = "P1", sample = "a" }, new { pool = "P1", sample = "a" } }, results = Array.Empty<object>() }, "design", "twice"),
            (new { design = Enumerable.Range(1, 21).Select(i => new { pool = "P1", sample = $"S{i}" }), results = Array.Empty<object>() }, "design", "dilution cap"),
            (new { design = Array3x3(), results = Array.Empty<object>(), ctCutoff = 0 }, "ctCutoff", "cut-off"),
            (new { design = Array.Empty<object>(), results = Array.Empty<object>() }, "design", "non-empty"),
            (new { design = Array3x3() }, "results", "list"),
            (new { design = new object[] { new { pool = "P1" } }, results = Array.Empty<object>() }, "design[0]", "sample"),
            (new { design = Array3x3(), results = new object[] { new { ct = 30 } } }, "results[0]", "pool"),
        };

        foreach (var (body, field, says) in cases)
        {
            var response = await lab.PostAsJsonAsync("/api/v1/pooling/decode", body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field} in {errors}.");
            Assert.Contains(says, messages[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_the_request_is_400()
    {
        var lab = await api.LabClientAsync();

        var notJson = await lab.PostAsync("/api/v1/pooling/decode", new StringContent("pool,sample\nP1,a", Encoding.UTF8, "application/json"));
        var textCt = await lab.PostAsync("/api/v1/pooling/decode", new StringContent("""{ "design": [ { "pool": "P1", "sample": "a" } ], "results": [ { "pool": "P1", "ct": "soon" } ] }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, textCt.StatusCode);
    }

    [Fact]
    public async Task Only_lab_stations_may_decode()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var anonymous = api.CreateClient();
        var body = new { design = Array3x3(), results = Array.Empty<object>() };

        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostAsJsonAsync("/api/v1/pooling/decode", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/pooling/decode", body)).StatusCode);
    }
}

public sealed class SqlitePoolDecodeTests(SqliteApi fixture) : PoolDecodeTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlPoolDecodeTests(PostgreSqlApi fixture) : PoolDecodeTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;

namespace Lims.Api.Tests;

/// <summary>Pooling analysis over HTTP: the same inputs and answers as <c>lims pool</c>, for lab stations only.</summary>
public abstract class PoolAnalysisTests(LimsApiFactory api)
{
    [Fact]
    public async Task Evaluate_answers_a_designs_operating_characteristics()
    {
        var lab = await api.LabClientAsync();

        // binGroup2 vignette: opChar1("D2", p = 0.01, Se = Sp = 0.99, group of 10) → 2.0371 tests, PSe 0.9801, PSp 0.9991, PPV 0.9127, NPV 0.9998.
        var response = await lab.PostAsJsonAsync("/api/v1/pooling/evaluate", new { strategy = "dorfman", size = 10, prevalence = 0.01, se = 0.99, sp = 0.99 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(
            ["strategy", "size", "expectedTests", "expectedTestsPerIndividual", "pse", "psp", "ppv", "npv"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dorfman", json.GetProperty("strategy").GetString());
        Assert.Equal(2.0371, json.GetProperty("expectedTests").GetDouble(), 0.00005);
        Assert.Equal(0.2037, json.GetProperty("expectedTestsPerIndividual").GetDouble(), 0.00005);
        Assert.Equal(0.9801, json.GetProperty("pse").GetDouble(), 1e-12);
        Assert.Equal(0.9991, json.GetProperty("psp").GetDouble(), 0.00005);
        Assert.Equal(0.9127, json.GetProperty("ppv").GetDouble(), 0.00005);
        Assert.Equal(0.9998, json.GetProperty("npv").GetDouble(), 0.00005);
    }

    [Fact]
    public async Task Evaluate_takes_one_accuracy_per_stage_and_the_stage_sizes()
    {
        var lab = await api.LabClientAsync();

        var threeStage = await (await lab.PostAsJsonAsync("/api/v1/pooling/evaluate", new
        {
            strategy = "three-stage", stages = new[] { 25, 5, 1 }, prevalence = 0.02, se = new[] { 0.95, 0.95, 0.99 }, sp = new[] { 0.96, 0.96, 0.98 },
        })).JsonAsync();
        var master = await (await lab.PostAsJsonAsync("/api/v1/pooling/evaluate", new
        {
            strategy = "array-master", size = 5, prevalence = 0.02, se = new[] { 0.95, 0.95, 0.99 }, sp = new[] { 0.98, 0.98, 0.99 },
        })).JsonAsync();

        Assert.Equal([25, 5, 1], threeStage.GetProperty("stages").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(5.481594354567, threeStage.GetProperty("expectedTests").GetDouble(), 1e-11);
        // binGroup2: opChar1("A2M", p = 0.02, Se = c(0.95, 0.95, 0.99), Sp = c(0.98, 0.98, 0.99), rowcol.sz = 5).
        Assert.Equal(5.672487564014, master.GetProperty("expectedTests").GetDouble(), 1e-11);
        Assert.Equal(0.905022896148, master.GetProperty("pse").GetDouble(), 1e-11);
        Assert.False(master.TryGetProperty("stages", out _));
    }

    [Fact]
    public async Task Optimize_answers_the_best_design_and_the_runners_up()
    {
        var lab = await api.LabClientAsync();

        var dorfman = await (await lab.PostAsJsonAsync("/api/v1/pooling/optimize", new { prevalence = 0.01, se = 0.99, sp = 0.99, strategies = new[] { "dorfman" } })).JsonAsync();
        var capped = await (await lab.PostAsJsonAsync("/api/v1/pooling/optimize", new { prevalence = 0.01, se = 0.95, sp = 0.99, maxSize = 10, minPse = 0.93 })).JsonAsync();

        // binGroup2 vignette: OTC1("D2", p = 0.01, Se = Sp = 0.99, group.sz = 3:20) → 11, then 10, 12, 9, 13.
        Assert.Equal(11, dorfman.GetProperty("best").GetProperty("size").GetInt32());
        Assert.Equal([11, 10, 12, 9, 13], dorfman.GetProperty("candidates").EnumerateArray().Take(5).Select(c => c.GetProperty("size").GetInt32()));
        var candidates = capped.GetProperty("candidates").EnumerateArray().ToList();
        Assert.All(candidates, c => Assert.True(c.GetProperty("pse").GetDouble() >= 0.93));
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("size").GetInt32(), 1, 10));
        Assert.Equal(capped.GetProperty("best").GetRawText(), candidates[0].GetRawText());
    }

    [Fact]
    public async Task Prevalence_answers_the_estimate_and_its_interval()
    {
        var lab = await api.LabClientAsync();

        var json = await (await lab.PostAsJsonAsync("/api/v1/pooling/prevalence", new { pools = 100, positive = 7, size = 10 })).JsonAsync();
        var none = await (await lab.PostAsJsonAsync("/api/v1/pooling/prevalence", new { pools = 50, positive = 0, size = 20 })).JsonAsync();

        Assert.Equal(0.007230800340, json.GetProperty("estimate").GetDouble(), 1e-11);
        Assert.Equal(0.002898031946, json.GetProperty("lower").GetDouble(), 1e-11);
        Assert.Equal(0.014845458143, json.GetProperty("upper").GetDouble(), 1e-11);
        Assert.Equal(0, none.GetProperty("estimate").GetDouble());
        Assert.Equal(0.003682083897, none.GetProperty("upper").GetDouble(), 1e-11);
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "evaluate", """{ "strategy": "dorfman", "size": 10, "prevalence": 1.5, "se": 0.99, "sp": 0.99 }""", "prevalence" },
        { "evaluate", """{ "strategy": "dorfman", "size": 10, "prevalence": 0, "se": 0.99, "sp": 0.99 }""", "prevalence" },
        { "evaluate", """{ "strategy": "dorfman", "size": 1, "prevalence": 0.01, "se": 0.99, "sp": 0.99 }""", "size" },
        { "evaluate", """{ "strategy": "array-master", "size": 0, "prevalence": 0.01, "se": 0.99, "sp": 0.99 }""", "size" },
        { "evaluate", """{ "strategy": "three-stage", "stages": [24, 5, 1], "prevalence": 0.01, "se": 0.99, "sp": 0.99 }""", "stages" },
        { "evaluate", """{ "strategy": "three-stage", "size": 25, "prevalence": 0.01, "se": [0.9, 0.9], "sp": 0.99 }""", "stages" },
        { "evaluate", """{ "strategy": "dorfman", "size": 10, "prevalence": 0.01, "se": [0.9, 0.9, 0.9], "sp": 0.99 }""", "se" },
        { "evaluate", """{ "strategy": "matrix", "size": 10, "prevalence": 0.01, "se": 0.99, "sp": 0.99 }""", "strategy" },
        { "evaluate", """{ "size": 10, "prevalence": 0.01, "se": 0.99, "sp": 0.99 }""", "strategy" },
        { "optimize", """{ "prevalence": 1, "se": 0.99, "sp": 0.99 }""", "prevalence" },
        { "optimize", """{ "prevalence": 0.01, "se": 0.99, "sp": 0.99, "maxSize": 1 }""", "maxSize" },
        { "optimize", """{ "prevalence": 0.01, "se": 0.99, "sp": 0 }""", "sp" },
        { "optimize", """{ "prevalence": 0.01, "se": 0.95, "sp": 0.99, "minPse": 0.96 }""", "minPse" },
        { "prevalence", """{ "pools": 10, "positive": 11, "size": 10 }""", "positive" },
        { "prevalence", """{ "pools": 0, "positive": 0, "size": 10 }""", "pools" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_400_with_the_field_named(string path, string body, string field)
    {
        var lab = await api.LabClientAsync();

        var response = await lab.PostAsync($"/api/v1/pooling/{path}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(JsonValueKind.String, errors.GetProperty(field)[0].ValueKind);
    }

    [Fact]
    public async Task A_body_that_is_not_the_request_is_400()
    {
        var lab = await api.LabClientAsync();

        var response = await lab.PostAsync("/api/v1/pooling/evaluate",
            new StringContent("""{ "strategy": "dorfman", "size": 10, "prevalence": 0.01, "se": "high", "sp": 0.99 }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Only_lab_stations_may_ask()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var anonymous = api.CreateClient();
        var body = new { pools = 100, positive = 7, size = 10 };

        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostAsJsonAsync("/api/v1/pooling/prevalence", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/pooling/prevalence", body)).StatusCode);
    }
}

public sealed class SqlitePoolAnalysisTests(SqliteApi fixture) : PoolAnalysisTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlPoolAnalysisTests(PostgreSqlApi fixture) : PoolAnalysisTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// The API's surface: input the framework cannot bind answered as problem details naming the field, headers every answer
/// carries, kits as JSON objects, an OpenAPI document that declares every operation's answers and security, and its
/// reference page served without the internet.
/// </summary>
public abstract class ApiSurfaceTests(LimsApiFactory api)
{
    private static async Task<(string[] Fields, string Body)> RefusedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [], body);
    }

    [Fact]
    public async Task Input_the_framework_cannot_bind_is_a_400_problem_naming_the_field_in_words()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var lab = await api.LabClientAsync();
        StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        var (fields, body) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", Json("""{"barcode":123,"declaredCount":1,"tubes":[]}""")));
        Assert.Equal(["barcode"], fields);
        Assert.Contains("'barcode' must be a string", body, StringComparison.Ordinal);
        (fields, body) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", Json("""{"barcode":"B1","declaredCount":"many","tubes":["T1"]}""")));
        Assert.Equal(["declaredCount"], fields);
        Assert.Contains("a whole number", body, StringComparison.Ordinal);
        (fields, _) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", Json("""{"barcode":"B1","tubes":"T1"}""")));
        Assert.Equal(["tubes"], fields);
        (fields, body) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", Json("")));
        Assert.Equal(["body"], fields);
        Assert.Contains("A JSON body is required", body, StringComparison.Ordinal);
        (fields, _) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", Json("{ not json")));
        Assert.Equal(["body"], fields);

        (fields, body) = await RefusedAsync(await hospital.GetAsync("/api/v1/batches/not-a-guid"));
        Assert.Equal(["batchId"], fields);
        Assert.Contains("must be a GUID", body, StringComparison.Ordinal);
        (fields, _) = await RefusedAsync(await hospital.GetAsync("/api/v1/recalls/123"));
        Assert.Equal(["id"], fields);
        (fields, body) = await RefusedAsync(await hospital.GetAsync("/api/v1/results?limit=abc"));
        Assert.Equal(["limit"], fields);
        Assert.Contains("'limit' must be a whole number; 'abc' is not one", body, StringComparison.Ordinal);
        (fields, _) = await RefusedAsync(await lab.PostAsync("/api/v1/lab/boxes/B1/discrepancies/first/resolution", Json("""{"resolution":"lost"}""")));
        Assert.Equal(["number"], fields);
        (fields, _) = await RefusedAsync(await lab.GetAsync("/api/v1/pooling/prevalence/observed?from=yesterday&to=2026-11-23"));
        Assert.Equal(["from"], fields);

        // What is quoted back is capped: a long value comes back as its start and its length.
        (_, body) = await RefusedAsync(await hospital.GetAsync("/api/v1/results?limit=" + new string('9', 5_000)));
        Assert.True(body.Length < 1_000, body);
        Assert.Contains("(5,000 characters)", body, StringComparison.Ordinal);

        (_, body) = await RefusedAsync(await hospital.PostAsync("/api/v1/boxes", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("must be JSON", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kit_definition_comes_back_as_a_json_object()
    {
        var lab = await api.LabClientAsync();
        var code = "kit-" + Guid.NewGuid().ToString("N")[..6];
        var kit = $$"""
            { "code": "{{code}}", "name": "Object kit", "version": "1", "ctCutoff": 38, "requiredPositiveTargets": 1,
              "targets": [ { "name": "E", "dye": "FAM", "role": "pathogen" }, { "name": "IC", "dye": "Cy5", "role": "internal-control" } ] }
            """;

        var created = await lab.PostAsync("/api/v1/lab/kits", new StringContent(kit, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var definition = (await created.JsonAsync()).GetProperty("definition");
        Assert.Equal(JsonValueKind.Object, definition.ValueKind);
        Assert.Equal((code, 38.0), (definition.GetProperty("code").GetString(), definition.GetProperty("ctCutoff").GetDouble()));
        var kits = (await (await lab.GetAsync("/api/v1/lab/kits")).JsonAsync()).EnumerateArray().ToList();
        Assert.All(kits, k => Assert.Equal(JsonValueKind.Object, k.GetProperty("definition").ValueKind));
        Assert.Equal(JsonValueKind.Array, kits.First(k => k.GetProperty("builtIn").GetBoolean()).GetProperty("definition").GetProperty("targets").ValueKind);

        // A kit's JSON error names the field in words.
        var (_, body) = await RefusedAsync(await lab.PostAsync("/api/v1/lab/kits", new StringContent(kit.Replace("38", "\"high\"", StringComparison.Ordinal), Encoding.UTF8, "application/json")));
        Assert.Contains("'ctCutoff' must be a number", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_is_nosniff_and_every_api_answer_no_store()
    {
        var hospital = await api.ClientForNewSubmitterAsync();
        var barcode = NewBarcode();
        Assert.Equal(HttpStatusCode.Created, (await hospital.SendAsync(Post(Batch(Tube(barcode))))).StatusCode);
        var anonymous = api.CreateClient();
        anonymous.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, "10.250.0.1");

        HttpResponseMessage[] answers =
        [
            await hospital.GetAsync($"/api/v1/tubes/{barcode}"),
            await hospital.GetAsync("/api/v1/results"),
            await hospital.GetAsync("/api/v1/recalls"),
            await hospital.GetAsync("/api/v1/fhir/DiagnosticReport"),
            await hospital.GetAsync($"/api/v1/tubes/{NewBarcode()}"),
            await anonymous.GetAsync("/api/v1/results"),
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nobody", password = "wrong password" }),
        ];
        foreach (var answer in answers)
        {
            Assert.Equal(["nosniff"], answer.Headers.GetValues("X-Content-Type-Options"));
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{answer.RequestMessage!.RequestUri}: {answer.Headers.CacheControl}");
        }
        var document = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(["nosniff"], document.Headers.GetValues("X-Content-Type-Options"));

        // A refusal of the rate limiter is problem details like every other error, with the same headers.
        HttpResponseMessage refused;
        do refused = await anonymous.PostAsJsonAsync("/api/v1/lookup", new { idNumber = ResidentId(9_001), name = "Nobody" });
        while (refused.StatusCode == HttpStatusCode.NotFound);
        var (_, body) = await RefusedAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("\"status\":429", body, StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(["nosniff"], refused.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(refused.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Every_operation_of_the_openapi_document_declares_a_success_its_problems_and_its_security()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "Authorization"), (schemes.GetProperty("ApiKey").GetProperty("type").GetString(),
            schemes.GetProperty("ApiKey").GetProperty("in").GetString(), schemes.GetProperty("ApiKey").GetProperty("name").GetString()));
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("Bearer").GetProperty("type").GetString(), schemes.GetProperty("Bearer").GetProperty("scheme").GetString()));

        var operations = 0;
        var anonymous = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.True(responses.Keys.Any(k => k.StartsWith('2')), $"{name} declares no success");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                    Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} {status} is not problem details");
                Assert.True(operation.Value.TryGetProperty("security", out var security), $"{name} declares no security");
                var requirements = security.EnumerateArray().ToList();
                Assert.NotEmpty(requirements);
                if (requirements.All(r => !r.EnumerateObject().Any())) anonymous.Add(name);
                else
                {
                    Assert.All(requirements.SelectMany(r => r.EnumerateObject()), s => Assert.Contains(s.Name, new[] { "ApiKey", "Bearer" }));
                    Assert.True(responses.ContainsKey("401"), $"{name} does not declare 401");
                }
            }
        Assert.True(operations > 60, $"{operations} operations");
        Assert.Equal(["GET /api/v1/lookup", "POST /api/v1/auth/login", "POST /api/v1/lookup"], anonymous.Order(StringComparer.Ordinal));

        // Answers as the server gives them: a box shipped and a staff account created are 201.
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/boxes").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(paths.GetProperty("/api/v1/staff/users").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));
        Assert.False(paths.GetProperty("/api/v1/staff/users").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.Equal(["Bearer"], paths.GetProperty("/api/v1/review/plates/{plate}/approve").GetProperty("post").GetProperty("security")
            .EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(s => s.Name));

        // A member's phone is optional, as documented; the other fields of a member are required.
        var member = paths.GetProperty("/api/v1/batches").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("properties").GetProperty("tubes").GetProperty("items").GetProperty("properties").GetProperty("members").GetProperty("items");
        Assert.Equal(["idNumber", "idType", "name"], member.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_api_reference_page_is_served_at_docs_and_loads_nothing_from_the_internet()
    {
        var client = api.CreateClient();

        var page = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("scalar.js", scripts);
        Assert.All(scripts, s => Assert.DoesNotContain("//", s, StringComparison.Ordinal));
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        foreach (var script in scripts)
        {
            var served = await client.GetAsync("/docs/" + script);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}

public sealed class SqliteApiSurfaceTests(SqliteApi fixture) : ApiSurfaceTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlApiSurfaceTests(PostgreSqlApi fixture) : ApiSurfaceTests(fixture.Api), IClassFixture<PostgreSqlApi>;

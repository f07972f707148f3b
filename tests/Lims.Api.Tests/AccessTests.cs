using System.Net;
using System.Net.Http.Headers;
using Lims.Api.Tests.Infrastructure;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Who may see what: API keys, submitter isolation, the local-only job dashboard, the OpenAPI document.</summary>
public abstract class AccessTests(LimsApiFactory api)
{
    public static TheoryData<string?> BadAuthorizations => new() { null, "ApiKey lims_not-a-real-key", "Bearer abc", "ApiKey " };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task Without_a_valid_key_every_endpoint_answers_401(string? authorization)
    {
        var client = api.CreateClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var before = await api.CountRowsAsync();

        var responses = new[]
        {
            await client.SendAsync(Post(Batch(Tube(NewBarcode())))),
            await client.GetAsync($"/api/v1/batches/{Guid.NewGuid()}"),
            await client.GetAsync("/api/v1/tubes/T0000001"),
        };

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(before, await api.CountRowsAsync());
    }

    [Fact]
    public async Task A_submitter_never_sees_another_submitters_batches_or_tubes()
    {
        var owner = await api.ClientForNewSubmitterAsync();
        var stranger = await api.ClientForNewSubmitterAsync();
        var barcode = NewBarcode();
        var receipt = await (await owner.SendAsync(Post(Batch(Tube(barcode))))).JsonAsync();
        var batchId = receipt.GetProperty("batchId").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/batches/{batchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/tubes/{barcode}")).StatusCode);
        var hiddenBatch = await stranger.GetAsync($"/api/v1/batches/{batchId}");
        var hiddenTube = await stranger.GetAsync($"/api/v1/tubes/{barcode}");
        var unknownBatch = await stranger.GetAsync($"/api/v1/batches/{Guid.NewGuid()}");
        var unknownTube = await stranger.GetAsync($"/api/v1/tubes/{NewBarcode()}");

        // Someone else's and nobody's look exactly alike.
        Assert.All([hiddenBatch, hiddenTube, unknownBatch, unknownTube], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", hiddenTube.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_tube_path_that_is_not_a_barcode_is_not_found()
    {
        var client = await api.ClientForNewSubmitterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tubes/AB")).StatusCode);
        // A batch id that is not a GUID is input that cannot be bound, named as such (ApiSurfaceTests), not a missing batch.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/batches/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task The_job_dashboard_answers_only_to_the_local_machine()
    {
        var client = api.CreateClient();
        var local = await client.GetAsync("/hangfire");
        var remote = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        remote.Headers.Add(LimsApiFactory.RemoteAddressHeader, "203.0.113.5");

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("Hangfire", await local.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(remote)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_batch_api()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();

        var post = document.GetProperty("paths").GetProperty("/api/v1/batches").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/tubes/{barcode}", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/batches/{batchId}", out _));
    }
}

public sealed class SqliteAccessTests(SqliteApi fixture) : AccessTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlAccessTests(PostgreSqlApi fixture) : AccessTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net.Http.Json;
using System.Text.Json;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>The scenario library's data under the short names the tests use (a person 0 means a random one).</summary>
public static class TestData
{
    public static string ResidentId(int n) => Population.ResidentId(n);

    public static string WithWrongCheckCharacter(string id) => Population.WithWrongCheckCharacter(id);

    public static string NewBarcode(string prefix = "T") => Barcodes.New(prefix);

    public static Person Member(int n, string? name = null) => Population.Person(n, name);

    public static Dictionary<string, object?> Tube(string barcode, int members = 3, int capacity = 10, string kind = "pooled",
        DateTimeOffset? collectedAt = null, string priority = "screening", int firstPerson = 0) =>
        Batches.Tube(barcode, members, capacity, kind, collectedAt, priority, firstPerson == 0 ? null : firstPerson);

    public const string BatchReference = "test batch";

    public static object Batch(params object[] tubes) => Batches.Batch(BatchReference, tubes);

    public static HttpRequestMessage Post(object batch, string? idempotencyKey = null) => Batches.Post(batch, idempotencyKey);

    public static HttpRequestMessage PostRaw(string body, string? idempotencyKey, string contentType = "application/json") =>
        Batches.PostRaw(body, idempotencyKey, contentType);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lims.Domain.Tubes;

namespace Lims.Api.Tests.Infrastructure;

public static class TestData
{
    private static int _sequence;

    /// <summary>A valid 18-character resident id (correct ISO 7064 MOD 11-2 check character), different for each <paramref name="n"/>.</summary>
    public static string ResidentId(int n)
    {
        var first17 = $"110105{new DateOnly(1950, 1, 1).AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}";
        return first17 + PersonId.ResidentCheckCharacter(first17);
    }

    /// <summary>The same id with a wrong check character.</summary>
    public static string WithWrongCheckCharacter(string id) =>
        id[..17] + (id[17] == '0' ? '1' : '0');

    public static string NewBarcode(string prefix = "T") =>
        $"{prefix}{DateTime.UtcNow.Ticks % 1_000_000_000:D9}{Interlocked.Increment(ref _sequence):D6}";

    public static object Member(int n, string? name = null) =>
        new { idType = "cn-resident", idNumber = ResidentId(n), name = name ?? $"Person {n}", phone = "13800138000" };

    public static Dictionary<string, object?> Tube(string barcode, int members = 3, int capacity = 10, string kind = "pooled",
        DateTimeOffset? collectedAt = null, string priority = "screening", int firstPerson = 0) => new()
    {
        ["barcode"] = barcode,
        ["kind"] = kind,
        ["capacity"] = capacity,
        ["collectedAt"] = collectedAt ?? new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
        ["site"] = "Collection site 7",
        ["priority"] = priority,
        ["members"] = Enumerable.Range(firstPerson == 0 ? Random.Shared.Next(1, 1_000_000) : firstPerson, members).Select(n => Member(n)).ToArray(),
    };

    public static object Batch(params object[] tubes) => new { reference = "test batch", tubes };

    public static HttpRequestMessage Post(object batch, string? idempotencyKey = null) =>
        PostRaw(JsonSerializer.Serialize(batch, JsonSerializerOptions.Web), idempotencyKey ?? Guid.NewGuid().ToString());

    public static HttpRequestMessage PostRaw(string body, string? idempotencyKey, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

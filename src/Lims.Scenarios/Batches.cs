using System.Text;
using System.Text.Json;

namespace Lims.Scenarios;

/// <summary>Tube and batch bodies exactly as <c>POST /api/v1/batches</c> takes them, and the request that sends one.</summary>
public static class Batches
{
    public static readonly DateTimeOffset CollectedAt = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public const string Site = "Collection site 7";

    /// <summary>
    /// A tube with <paramref name="members"/> people numbered from <paramref name="firstPerson"/> on (see <see cref="Population"/>),
    /// or from a random number below a million when it is null. A dictionary, so that a caller can change or drop any field.
    /// </summary>
    public static Dictionary<string, object?> Tube(string barcode, int members = 3, int capacity = 10, string kind = "pooled",
        DateTimeOffset? collectedAt = null, string priority = "screening", long? firstPerson = null, string site = Site)
    {
        var first = firstPerson ?? Random.Shared.Next(1, 1_000_000);
        return new()
        {
            ["barcode"] = barcode,
            ["kind"] = kind,
            ["capacity"] = capacity,
            ["collectedAt"] = collectedAt ?? CollectedAt,
            ["site"] = site,
            ["priority"] = priority,
            ["members"] = Enumerable.Range(0, members).Select(i => Population.Person(first + i)).ToArray(),
        };
    }

    public static object Batch(string reference, IReadOnlyList<object> tubes) => new { reference, tubes };

    /// <summary>The batch as JSON, with the given idempotency key or a new one.</summary>
    public static HttpRequestMessage Post(object batch, string? idempotencyKey = null) =>
        PostRaw(JsonSerializer.Serialize(batch, JsonSerializerOptions.Web), idempotencyKey ?? Guid.NewGuid().ToString());

    /// <summary>Any body as a batch: without an idempotency key when it is null.</summary>
    public static HttpRequestMessage PostRaw(string body, string? idempotencyKey, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }
}

using System.Net;
using System.Text.Json;

namespace Lims.Scenarios;

/// <summary>A submitter's steps, over a client the caller authenticated with the submitter's API key.</summary>
public sealed class Hospital(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>Registers a batch of the tubes (see <see cref="Batches.Tube"/>); every tube must be accepted. Answers the receipt.</summary>
    public async Task<JsonElement> RegisterAsync(IReadOnlyList<object> tubes, string reference, string? idempotencyKey = null)
    {
        var receipt = await Answer.SendAsync(Http, Batches.Post(Batches.Batch(reference, tubes), idempotencyKey), HttpStatusCode.Created);
        return receipt.Json.GetProperty("accepted").GetInt32() == tubes.Count ? receipt.Json : throw receipt.Unexpected($"all {tubes.Count} tubes accepted");
    }

    /// <summary>Ships registered tubes in a new box declared to hold them all. Answers the box.</summary>
    public async Task<JsonElement> ShipAsync(string box, IReadOnlyCollection<string> tubes) =>
        (await Answer.PostAsync(Http, "/api/v1/boxes", new { barcode = box, declaredCount = tubes.Count, tubes }, HttpStatusCode.Created)).Json;
}

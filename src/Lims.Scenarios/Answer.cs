using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lims.Scenarios;

/// <summary>An answer read whole, with the request it answers, so that a step can check it and report it when it is wrong.</summary>
internal sealed class Answer
{
    // Parsed when asked for: an unexpected answer is reported whatever its body is.
    private readonly Lazy<JsonElement> _json;

    private Answer(string method, string path, HttpStatusCode statusCode, string body)
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        Body = body;
        _json = new Lazy<JsonElement>(() => body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    public string Method { get; }
    public string Path { get; }
    public HttpStatusCode StatusCode { get; }
    public string Body { get; }
    public JsonElement Json => _json.Value;

    /// <summary>Sends the request; any status but <paramref name="expected"/> throws.</summary>
    public static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        {
            // Read before sending: the client makes the address absolute.
            var (method, path) = (request.Method.Method, request.RequestUri?.OriginalString ?? "");
            using var response = await http.SendAsync(request);
            var answer = new Answer(method, path, response.StatusCode, await response.Content.ReadAsStringAsync());
            return answer.StatusCode == expected ? answer : throw answer.Unexpected($"{(int)expected} {expected}");
        }
    }

    /// <summary>POSTs <paramref name="body"/> as JSON (none when null); any status but <paramref name="expected"/> throws.</summary>
    public static Task<Answer> PostAsync(HttpClient http, string path, object? body, HttpStatusCode expected) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) }, expected);

    /// <summary>The string <paramref name="property"/> of the JSON object answered, or null.</summary>
    public string? Text(string property) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>This answer when <paramref name="property"/> is <paramref name="value"/>; else it throws.</summary>
    public Answer Expect(string property, string value) =>
        Text(property) == value ? this : throw Unexpected($"{property} \"{value}\"");

    public ScenarioException Unexpected(string expected) => new(StatusCode, Method, Path, Body, expected);
}

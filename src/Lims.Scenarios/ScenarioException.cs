using System.Net;

namespace Lims.Scenarios;

/// <summary>A step of a scenario got an answer it did not expect: the request, the answer's status and its whole body.</summary>
public sealed class ScenarioException(HttpStatusCode statusCode, string method, string path, string body, string expected)
    : Exception($"{method} {path} answered {(int)statusCode} {statusCode} where {expected} was expected: {body}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string Body { get; } = body;
}

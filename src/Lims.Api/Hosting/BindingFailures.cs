using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lims.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Lims.Api.Hosting;

/// <summary>
/// A request the framework could not bind to an endpoint's parameters (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>
/// makes it throw) as problem details naming the field: a number where a string belongs, a GUID or number in the route or
/// the query that is not one, an empty body. The framework's own messages name .NET types and quote values whole.
/// </summary>
internal static partial class BindingFailures
{
    public static IResult? Problem(HttpContext http, BadHttpRequestException exception)
    {
        // The exception handler has cleared the request's endpoint; its feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        if (exception.InnerException is JsonException json && endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body)
        {
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var (field, message) = JsonErrors.Describe(json, body, options);
            return Invalid(field.Length == 0 ? "body" : field, message);
        }
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType && exception.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"The body must be JSON (Content-Type: application/json), not {WireText.Quote(http.Request.ContentType ?? "none")}.");
        if (exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return Invalid("body", "A JSON body is required.");

        var match = Parameter().Match(exception.Message);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value;
        var type = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
        if (match.Groups["value"].Success)
            return Invalid(name, $"{WireText.Quote(name)} must be {(type is null ? "a value of another kind" : JsonErrors.Words(type))}; {WireText.Quote(match.Groups["value"].Value)} is not one.");
        return match.Groups["source"].Value == "body"
            ? Invalid("body", "A JSON body is required.")
            : Invalid(name, $"{WireText.Quote(name)} is required.");
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: "The request is not valid.");

    // RequestDelegateFactory's words: 'Failed to bind parameter "Guid id" from "abc".', 'Required parameter "int limit" was not
    // provided from query string.' (a body that is not JSON of the type comes with its JsonException, read above).
    [GeneratedRegex("""^(?:Failed to bind|Required) parameter "(?:[^"]* )?(?<name>[^" ]+)"(?: from "(?<value>.*)"| was not provided from (?<source>.+))\.$""", RegexOptions.Singleline)]
    private static partial Regex Parameter();
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;
using Microsoft.AspNetCore.Diagnostics;

namespace Lims.Api.Hosting;

/// <summary>Every error leaves as RFC 9457 problem details: validation 400, not found 404, conflicts and broken rules 409, too many 429.</summary>
public sealed class ProblemDetailsExceptionHandler(ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is RateLimitedException limited)
        {
            await TooManyRequests.WriteAsync(http, limited.RetryAfter, _ => limited.Message);
            return true;
        }
        IResult result = exception switch
        {
            RequestValidationException e => Results.ValidationProblem(e.Errors.ToDictionary(), detail: "The request is not valid."),
            // An input the domain found out of its range, on the field it names.
            PoolingInputException e => Results.ValidationProblem(
                new Dictionary<string, string[]> { [e.Field] = [e.Message] }, detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = e.Code }),
            NotFoundException e => Results.Problem(statusCode: 404, title: "Not found", detail: e.Message),
            ConflictException e => Problem(409, "Conflict", e.Message, e.Code),
            SignInRefusedException e => Problem(401, "Sign-in refused", e.Message, e.Code),
            ForbiddenException e => Problem(403, "Forbidden", e.Message, e.Code),
            Lims.Domain.Reviews.ReviewForbiddenException e => Problem(403, "Forbidden", e.Message, e.Code),
            NotPermittedException e => Problem(403, "Forbidden", e.Message, e.Code),
            DomainException e => Problem(409, "Rule broken", e.Message, e.Code),
            BadHttpRequestException e => BindingFailures.Problem(http, e)
                ?? Results.Problem(statusCode: e.StatusCode, title: Title(e.StatusCode), detail: WireText.Cap(e.Message, MaxDetail)),
            _ => Results.Problem(statusCode: 500, title: "Internal error", detail: "The server could not complete the request; nothing was changed."),
        };
        if (result is IStatusCodeHttpResult { StatusCode: 500 }) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        await result.ExecuteAsync(http);
        return true;
    }

    /// <summary>A message is answered up to this many characters: an error never echoes a huge input back.</summary>
    private const int MaxDetail = 1_000;

    private static IResult Problem(int status, string title, string detail, string code) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static string Title(int status) => status switch
    {
        413 => "Payload too large",
        415 => "Unsupported media type",
        _ => "Bad request",
    };
}

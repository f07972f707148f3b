using System.Globalization;

namespace Lims.Api.Hosting;

/// <summary>A 429 as every other error: problem details, with <c>Retry-After</c> in whole seconds, never cached.</summary>
public static class TooManyRequests
{
    public static Task WriteAsync(HttpContext http, TimeSpan retryAfter, Func<int, string> detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail(seconds)).ExecuteAsync(http);
    }
}

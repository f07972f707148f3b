namespace Lims.Api.Hosting;

/// <summary>
/// Headers every answer carries, set once here rather than endpoint by endpoint so that none can be forgotten:
/// <c>X-Content-Type-Options: nosniff</c> on every response, and <c>Cache-Control: no-store</c> on every answer of the API
/// (<c>/api</c>), found or not, error or not. Nearly every one holds personal data or what reveals a result — tubes,
/// batches, boxes with the barcodes of people's tubes, results, recalls, FHIR, the look-up, sign-in tokens — and the few
/// that hold none (kits, pooling arithmetic) lose nothing by it; a rule by exception would be the one forgotten. Outside
/// <c>/api</c> (the OpenAPI document, the reference page, the job dashboard) an answer keeps the caching its server chose,
/// else it is <c>no-store</c> too.
/// </summary>
public static class ResponseHeaders
{
    public const string NoStore = "no-store";

    public static IApplicationBuilder UseLimsResponseHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || headers.CacheControl.Count == 0)
                headers.CacheControl = NoStore;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}

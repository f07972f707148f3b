using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Lims.Application.Features.Lookup;
using Mediator;
using Microsoft.AspNetCore.RateLimiting;

namespace Lims.Api.Endpoints;

/// <summary>
/// The public result look-up, anonymous and rate-limited per client address. <c>POST /api/v1/lookup</c> takes the id and the name
/// in a JSON body, which is the way to call it: URLs end up in proxy, browser and server logs, bodies do not. <c>GET</c> with the
/// same fields in the query string answers the same, for clients that can only do a GET; this process never logs its query
/// string (see <see cref="QuietRequestLogging"/>), but whatever stands in front of it may.
/// </summary>
public static class LookupEndpoints
{
    public const string RateLimitPolicy = "lookup";

    /// <summary>The look-up's body (<c>idType</c> defaults to <c>cn-resident</c>).</summary>
    public sealed record LookupRequest(string? IdType, string? IdNumber, string? Name);

    private const string NotFoundDetail = "No released result matches this id number and name.";

    public static void MapLookupEndpoints(this IEndpointRouteBuilder app)
    {
        var lookup = app.MapGroup("/api/v1/lookup").WithTags("Look-up").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        lookup.MapPost("/", (LookupRequest? body, HttpContext http, ISender sender, CancellationToken ct) =>
                AnswerAsync(new LookUpResults(body?.IdType, body?.IdNumber, body?.Name), http, sender, ct))
            .WithSummary("A person's latest released results (masked), by id and name; anonymous, rate-limited per client address.")
            .WithAnswers();
        // Read by hand rather than bound as parameters: binding failures are logged with the value.
        lookup.MapGet("/", (HttpContext http, ISender sender, CancellationToken ct) =>
                AnswerAsync(new LookUpResults(Query(http, "idType"), Query(http, "idNumber"), Query(http, "name")), http, sender, ct))
            .WithSummary("The same as POST with idType, idNumber and name in the query string (prefer POST: URLs are logged by proxies).")
            .WithAnswers();
    }

    private static RouteHandlerBuilder WithAnswers(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<LookupAnswer>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> AnswerAsync(LookUpResults query, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        // Personal data: no shared cache may keep an answer, found or not (Cache-Control: no-store, as every API answer:
        // ResponseHeaders). "No match" is this query's answer, not an error: on the look-up's hot path it is a null, not a
        // NotFoundException.
        return await sender.Send(query, cancellationToken) is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: NotFoundDetail);
    }

    private static string? Query(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>
    /// <c>Lims:Lookup:PermitsPerMinute</c> (default 30) look-ups per client address and minute (a fixed window), IPv6 clients
    /// counted per /64 (one subscriber's prefix); over it, <c>429</c> problem details with <c>Retry-After</c>. The address is the
    /// connection's: behind a reverse proxy, enable the forwarded-headers middleware so it is the client's, not the proxy's.
    /// </summary>
    public static IServiceCollection AddLookupRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Lims:Lookup:PermitsPerMinute", 30);
        if (permits < 1) throw new InvalidOperationException("Lims:Lookup:PermitsPerMinute must be 1 or more.");
        services.AddRateLimiter(options =>
        {
            // Any limiter's refusal, this one's or another's: a 429 is problem details like every other error.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientKey(http.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var lookup = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitPolicy;
                return new ValueTask(Hosting.TooManyRequests.WriteAsync(context.HttpContext, retryAfter, seconds => lookup
                    ? $"At most {permits} look-ups a minute from one address; try again in {seconds} s."
                    : $"Too many requests from this client; try again in {seconds} s."));
            };
        });
        return services;
    }

    /// <summary>The partition of a client address: IPv4 as is, IPv6 by its /64, unknown addresses together.</summary>
    public static IPAddress ClientKey(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}

/// <summary>
/// Keeps the host's request-start line (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, which carries the query string)
/// out of the logs whatever <c>Logging:LogLevel</c> says (a rule added later, in code, wins over one from configuration; only a
/// provider-specific rule for this category would override it): a GET look-up has an id number and a name in its query string.
/// </summary>
public static class QuietRequestLogging
{
    public static ILoggingBuilder KeepQueryStringsOutOfLogs(this ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", level => level >= LogLevel.Warning);
}

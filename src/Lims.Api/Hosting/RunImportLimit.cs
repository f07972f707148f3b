using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Lims.Api.Hosting;

/// <summary>
/// Run files imported at once, in the whole process: <c>Lims:Runs:MaxConcurrentImports</c> (default 2) are read and parsed
/// together, <c>Lims:Runs:QueuedImports</c> (default 4) more wait their turn in arrival order; beyond that an upload is
/// answered <c>503</c> problem details with <c>Retry-After</c> before its body is read. Each import holds its file, and what
/// it unpacks to, in memory: this bounds the memory uploads can take whatever arrives at once.
/// </summary>
public sealed class RunImportLimit(int permits, int queue) : IRateLimiterPolicy<string>
{
    public const string Policy = "run-import";
    public const int RetryAfterSeconds = 5;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy importing",
            detail: $"{permits} run files are being imported and {queue} more are waiting; send this one again in {RetryAfterSeconds} s.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetConcurrencyLimiter(Policy, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = permits, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

    public static IServiceCollection AddRunImportLimit(IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Lims:Runs:MaxConcurrentImports", 2);
        var queue = configuration.GetValue("Lims:Runs:QueuedImports", 4);
        if (permits < 1) throw new InvalidOperationException("Lims:Runs:MaxConcurrentImports must be 1 or more.");
        if (queue < 0) throw new InvalidOperationException("Lims:Runs:QueuedImports must be 0 or more.");
        return services.AddRateLimiter(options => options.AddPolicy(Policy, new RunImportLimit(permits, queue)));
    }
}

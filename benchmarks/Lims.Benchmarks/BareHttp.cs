using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lims.Benchmarks;

/// <summary>
/// <c>bare-http --url http://127.0.0.1:PORT</c>: Kestrel with no middleware, no database and no work, answering
/// <c>GET /api/v1/lookup</c> with a constant 400 — what <c>lookup-load --floor</c> expects. Against it the load generator
/// measures the ceiling of HTTP/1.1 on this machine with the client on the same cores (run-lookup.sh runs it).
/// </summary>
public static class BareHttp
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("url"));
        if (!System.Net.IPAddress.TryParse(url.Host, out var address) || !System.Net.IPAddress.IsLoopback(address))
            throw new ArgumentException($"bare-http only listens on a loopback address, not {url.Host}.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        app.MapGet("/api/v1/lookup", () => Results.Text("{\"status\":400}", "application/problem+json", statusCode: 400));
        await app.RunAsync();
        return 0;
    }
}

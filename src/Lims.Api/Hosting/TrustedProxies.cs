using System.Net;
using Lims.Infrastructure.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Lims.Api.Hosting;

/// <summary>
/// Which proxies may say who the client is. With forwarded headers enabled (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>),
/// ASP.NET Core believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from anyone; here only from the addresses in
/// <c>Lims:ForwardedHeaders:KnownProxies</c> and the networks (CIDR) in <c>Lims:ForwardedHeaders:KnownNetworks</c> — and,
/// when neither is set, from the loopback only. The client is the first address, from the right, that is not a trusted
/// proxy; what a client writes in the header itself is never taken for its address.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration, "KnownProxies").Select(p => IPAddress.TryParse(p, out var address)
            ? address : throw new InvalidOperationException($"Lims:ForwardedHeaders:KnownProxies holds '{p}', which is not an IP address.")).ToList();
        var networks = List(configuration, "KnownNetworks").Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network : throw new InvalidOperationException($"Lims:ForwardedHeaders:KnownNetworks holds '{n}', which is not a network such as 10.0.0.0/8.")).ToList();
        services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
                options.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    private static string[] List(IConfiguration configuration, string name) => configuration.GetSection("Lims:ForwardedHeaders:" + name).Values();
}

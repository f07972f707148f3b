using System.Net;
using System.Net.Sockets;
using Lims.Application.Abstractions;

namespace Lims.Infrastructure.Outbound;

/// <summary>
/// Keeps a submitter's webhook from turning the API inward: a POST goes only to a public address. The URL's host is
/// resolved when it is registered (<see cref="RefusalAsync"/>) and again each time a connection is made
/// (<see cref="ConnectAsync"/>, the webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>), which connects to
/// the very address it checked — so a DNS answer that changes between the check and the connection (rebinding) gains
/// nothing. Hosts named in <c>Lims:Webhooks:AllowedHosts</c> (by name or address literal, as written in the URL) are
/// the operator's to allow: they are neither checked nor refused.
/// </summary>
public sealed class OutboundAddresses(IEnumerable<string> allowedHosts) : IOutboundAddresses
{
    /// <summary>How long a host name may take to resolve when a webhook is registered.</summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    private readonly HashSet<string> _allowed = new(allowedHosts.Select(Normalise).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The one answer for a host that resolves to no address, or to one that is not public: the submitter learns neither
    /// which, nor anything of the networks behind the API.
    /// </summary>
    public static string Refusal(string host) =>
        $"The host {host} does not resolve to a public address: Lims POSTs webhooks to the internet only " +
        "(not to loopback, private, link-local, shared or multicast addresses).";

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (IsAllowed(url.IdnHost)) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            addresses = [];
        }
        return addresses.Length > 0 && Array.TrueForAll(addresses, IsPublic) ? null : Refusal(url.Host);
    }

    /// <summary>Connects to the first public address of the host that answers (any address of an allowed host).</summary>
    /// <exception cref="OutboundAddressRefusedException">The host has no public address.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        var usable = IsAllowed(host) ? addresses : Array.FindAll(addresses, IsPublic);
        if (usable.Length == 0) throw new OutboundAddressRefusedException(Refusal(Normalise(host)));
        SocketException? failure = null;
        foreach (var address in usable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failure!;
    }

    public bool IsAllowed(string host) => _allowed.Contains(Normalise(host));

    /// <summary>
    /// Whether an address is on the public internet: not unspecified, loopback, private (RFC 1918), shared (CGNAT,
    /// 100.64/10), link-local, benchmarking, documentation, multicast, reserved or broadcast; for IPv6 not ::, ::1, ULA
    /// (fc00::/7), link- or site-local, multicast, documentation or discard-only, and an IPv4 address carried in IPv6
    /// (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo) only as that IPv4 address would be.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var length);
        if (length == 4) return IsPublicV4(b[..4]);

        if (b[..12].IndexOfAnyExcept((byte)0) < 0) return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        if (address.IsIPv4MappedToIPv6) return IsPublicV4(b[12..16]);
        if (b[0] == 0xFF) return false; // multicast
        if ((b[0] & 0xFE) == 0xFC) return false; // unique local fc00::/7
        if (b[0] == 0xFE && (b[1] & 0x80) == 0x80) return false; // link-local fe80::/10 and site-local fec0::/10
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
            return IsPublicV4(b[12..16]); // NAT64
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]); // 6to4
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return false; // Teredo: the peer hides behind a relay
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false; // documentation 2001:db8::/32
        if (b[0] == 0x01 && b[1..8].IndexOfAnyExcept((byte)0) < 0) return false; // discard-only 100::/64
        return true;
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> a) => a[0] switch
    {
        0 or 10 or 127 => false, // "this network" and unspecified, private, loopback
        100 => (a[1] & 0xC0) != 64, // shared address space (CGNAT) 100.64/10
        169 => a[1] != 254, // link-local, where cloud metadata services answer
        172 => (a[1] & 0xF0) != 16, // private 172.16/12
        192 => !(a[1] == 168 || (a[1] == 0 && a[2] is 0 or 2) || (a[1] == 88 && a[2] == 99)), // private, IETF, documentation, 6to4 relay
        198 => !(a[1] is 18 or 19 || (a[1] == 51 && a[2] == 100)), // benchmarking, documentation
        203 => !(a[1] == 0 && a[2] == 113), // documentation
        >= 224 => false, // multicast, reserved, broadcast
        _ => true,
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private static string Normalise(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}

/// <summary>A webhook's host has no public address: nothing was sent.</summary>
public sealed class OutboundAddressRefusedException(string message) : Exception(message);

using System.Net;
using Lims.Infrastructure.Outbound;

namespace Lims.Infrastructure.Tests.Outbound;

/// <summary>Which addresses a submitter's webhook may reach: the public internet only, in every spelling of an address.</summary>
public sealed class OutboundAddressesTests
{
    [Theory]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")] // CGNAT
    [InlineData("100.127.255.254")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.1")]
    [InlineData("224.0.0.251")] // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("100::1")]
    public void Addresses_that_are_not_on_the_public_internet_are_refused(string address)
    {
        Assert.False(OutboundAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:81d::200e")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(OutboundAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://localhost:5080/hangfire")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://2130706433/")] // 127.0.0.1 as one number
    [InlineData("http://0x7f.1/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("https://name-that-does-not-resolve.invalid/hook")]
    public async Task A_url_whose_host_resolves_to_no_public_address_is_refused_with_one_answer(string url)
    {
        var refusal = await new OutboundAddresses([]).RefusalAsync(new Uri(url), CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("does not resolve to a public address", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_the_operator_allows_is_not_checked()
    {
        var addresses = new OutboundAddresses(["127.0.0.1", "Hooks.Lab.Internal.", "[::1]"]);

        Assert.Null(await addresses.RefusalAsync(new Uri("http://127.0.0.1:9000/hook"), CancellationToken.None));
        Assert.Null(await addresses.RefusalAsync(new Uri("http://hooks.lab.internal/hook"), CancellationToken.None));
        Assert.Null(await addresses.RefusalAsync(new Uri("http://[::1]:9000/hook"), CancellationToken.None));
        Assert.NotNull(await addresses.RefusalAsync(new Uri("http://localhost:9000/hook"), CancellationToken.None));
        Assert.True(addresses.IsAllowed("HOOKS.lab.internal"));
        Assert.False(addresses.IsAllowed("lab.internal"));
    }
}

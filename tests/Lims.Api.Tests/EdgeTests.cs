using System.Net;
using System.Net.Http.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// The host's edges: the job dashboard (local requests and staff admins only), forwarded headers (believed from configured
/// proxies only), barcodes that are URL- and CSV-safe, the plate map's CSV, and a box barcode of another submitter's.
/// </summary>
public abstract class EdgeTests(LimsApiFactory api)
{
    private HttpClient From(string address, LimsApiFactory? factory = null)
    {
        var client = (factory ?? api).CreateClient();
        client.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, address);
        return client;
    }

    [Fact]
    public async Task The_job_dashboard_admits_the_local_machine_and_staff_admins_only()
    {
        var admin = (await api.StaffClientAsync("admin")).Http;
        admin.DefaultRequestHeaders.Remove(LimsApiFactory.RemoteAddressHeader);
        admin.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, "203.0.113.7");
        var reviewer = (await api.StaffClientAsync("reviewer")).Http;
        reviewer.DefaultRequestHeaders.Remove(LimsApiFactory.RemoteAddressHeader);
        reviewer.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, "203.0.113.7");
        var proxied = From("127.0.0.1");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");

        Assert.Equal(HttpStatusCode.OK, (await From("127.0.0.1").GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        // No peer address (a Unix-socket proxy), a local proxy's client, a stranger, a staff member who is no admin.
        Assert.Equal(HttpStatusCode.Unauthorized, (await From(LimsApiFactory.NoRemoteAddress).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await proxied.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await From("203.0.113.9").GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/hangfire/stats")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_is_believed_from_a_configured_proxy_only_so_rotating_it_does_not_escape_the_lookup_rate_limit()
    {
        await using var proxied = await LimsApiFactory.CreateAsync(api.Provider,
            api.Provider == DatabaseProvider.PostgreSql ? await PostgresServer.SharedAsync() : null,
            new Dictionary<string, string>
            {
                ["ForwardedHeaders_Enabled"] = "true",
                ["Lims:ForwardedHeaders:KnownProxies"] = "10.9.0.1",
                ["Lims:Lookup:PermitsPerMinute"] = "3",
            });
        static async Task<HttpStatusCode> LookUpAsync(HttpClient client, string? forwardedFor, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/lookup") { Content = JsonContent.Create(new { idNumber = ResidentId(3_500_000 + i), name = "Nobody" }) };
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(request)).StatusCode;
        }

        // A client that writes a new X-Forwarded-For each time is still one address.
        var rotating = From("10.200.9.1", proxied);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await LookUpAsync(rotating, $"198.51.100.{i + 1}", i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LookUpAsync(rotating, "198.51.100.200", 3));

        // Through the proxy each client is its own; what a client wrote before the proxy's entry does not count.
        var proxy = From("10.9.0.1", proxied);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await LookUpAsync(proxy, $"192.0.2.{i + 1}, 203.0.113.50", 10 + i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LookUpAsync(proxy, "192.0.2.99, 203.0.113.50", 13));
        Assert.Equal(HttpStatusCode.NotFound, await LookUpAsync(proxy, "203.0.113.51", 14));
        // The proxy itself, with no header, is one more client.
        Assert.Equal(HttpStatusCode.NotFound, await LookUpAsync(proxy, null, 15));
    }

    [Theory]
    [InlineData("TB/00001", "'/' (U+002F) at position 3")]
    [InlineData("=2+5+cmd", "starts with '=' (U+003D)")]
    public async Task A_box_or_plate_barcode_a_url_or_a_csv_cannot_carry_is_a_400_on_barcode(string barcode, string why)
    {
        var (hospital, lab, tubes) = await api.InactivatedTubesAsync(1);

        var box = await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode, declaredCount = 1, tubes });
        var plate = await lab.PostAsJsonAsync("/api/v1/lab/plates", new { barcode, kit = Lims.Scenarios.Bench.DefaultKit });

        foreach (var refused in new[] { box, plate })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.JsonAsync()).GetProperty("errors");
            Assert.Equal(["barcode"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Contains(why, errors.GetProperty("barcode")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await api.WithDbAsync(db => db.Plates.CountAsync(p => p.Barcode == Lims.Domain.Tubes.Barcode.FromStored(barcode))));
    }

    [Fact]
    public async Task The_plate_map_neutralises_a_stored_barcode_a_spreadsheet_would_run()
    {
        var (_, lab, tubes) = await api.InactivatedTubesAsync(1);
        // Registered before barcodes were restricted.
        var stored = "=" + tubes[0][1..] + "+1";
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE tubes SET barcode = {stored} WHERE barcode = {tubes[0]}"));
        var plate = await LabFlow.SealedPlateAsync(lab, [stored]);

        var map = await (await lab.GetAsync($"/api/v1/lab/plates/{plate}/map.csv")).Content.ReadAsStringAsync();

        Assert.Equal($"A1,'{stored},sample", map.Split("\r\n")[1]);
    }

    [Fact]
    public async Task Shipping_under_another_submitters_box_barcode_says_nothing_of_their_box()
    {
        async Task<(HttpClient Client, string Tube)> SubmitterWithATubeAsync()
        {
            var client = await api.ClientForNewSubmitterAsync();
            var tube = NewBarcode();
            await new Lims.Scenarios.Hospital(client).RegisterAsync([Lims.Scenarios.Batches.Tube(tube, 3, 10, "pooled", site: Lims.Scenarios.Batches.Site)], BatchReference);
            return (client, tube);
        }
        var (owner, theirs) = await SubmitterWithATubeAsync();
        var box = NewBarcode("B");
        await new Lims.Scenarios.Hospital(owner).ShipAsync(box, [theirs]);
        var (stranger, mine) = await SubmitterWithATubeAsync();

        var refused = await stranger.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 1, tubes = new[] { mine } });

        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode} {text}");
        Assert.Equal($"{box} cannot be the barcode of a box of yours: label the box with another barcode.",
            (await refused.JsonAsync()).GetProperty("errors").GetProperty("barcode")[0].GetString());
        Assert.DoesNotContain("shipped", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/boxes/{box}")).StatusCode);
    }
}

public sealed class SqliteEdgeTests(SqliteApi fixture) : EdgeTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlEdgeTests(PostgreSqlApi fixture) : EdgeTests(fixture.Api), IClassFixture<PostgreSqlApi>;

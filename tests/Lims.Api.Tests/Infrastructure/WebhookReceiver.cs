using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lims.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>One POST as the receiver got it, and whether its X-Lims-Signature matched the body under the path's secret.</summary>
public sealed record ReceivedPost(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool SignatureValid)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A real HTTP server (Kestrel on a free port of 127.0.0.1) standing in for a hospital's webhook receiver or the public
/// health endpoint. For each path a test may give a secret (a POST whose <c>X-Lims-Signature</c> is not the HMAC-SHA256
/// of its body under that secret is answered 401), a status to answer and a delay; every POST is recorded.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPost> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public ConcurrentDictionary<string, string> Secrets { get; } = new();
    public ConcurrentDictionary<string, int> Statuses { get; } = new();
    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new();
    /// <summary>Paths answered with a redirect (302 unless <see cref="Statuses"/> says otherwise) to the given URL.</summary>
    public ConcurrentDictionary<string, string> Redirects { get; } = new();

    public string Url(string path) => BaseUrl + path;

    /// <summary>The POSTs received on <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<ReceivedPost> On(string path) => [.. _received.Where(r => r.Path == path)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "webhook-receiver", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Assert.StartsWith("http://127.0.0.1:", receiver.BaseUrl, StringComparison.Ordinal);
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = http.Request.Path.Value!;
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var valid = Secrets.TryGetValue(path, out var secret) && headers.TryGetValue("X-Lims-Signature", out var signature)
            && signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        _received.Enqueue(new ReceivedPost(path, headers, body, valid));
        if (Delays.TryGetValue(path, out var delay)) await Task.Delay(delay);
        if (secret is not null && !valid) return Results.StatusCode(401);
        if (Redirects.TryGetValue(path, out var location))
        {
            http.Response.Headers.Location = location;
            return Results.StatusCode(Statuses.GetValueOrDefault(path, 302));
        }
        return Results.StatusCode(Statuses.GetValueOrDefault(path, 200));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// An API whose webhooks and public-health reports go to a <see cref="WebhookReceiver"/>: retries without delay (3 attempts:
/// <c>RetryDelaysSeconds = 0,0</c>), a 1 s timeout, a sweeper that takes attempts 60 s late, public health at the
/// receiver's <c>/public-health</c> signed with <see cref="PublicHealthSecret"/>, and negatives released at import.
/// </summary>
public abstract class OutboundApi : IAsyncLifetime
{
    public const string PublicHealthPath = "/public-health";
    public const string PublicHealthSecret = "public-health-test-secret";

    public LimsApiFactory Api { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    protected abstract Task<LimsApiFactory> CreateAsync(IReadOnlyDictionary<string, string> settings);

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Receiver.Secrets[PublicHealthPath] = PublicHealthSecret;
        Api = await CreateAsync(new Dictionary<string, string>
        {
            ["Lims:Webhooks:RetryDelaysSeconds"] = "0,0",
            ["Lims:Webhooks:TimeoutSeconds"] = "1",
            ["Lims:Webhooks:SweepAfterSeconds"] = "60",
            // The receiver listens on the loopback, which a submitter's webhook may reach only when the operator allows it.
            ["Lims:Webhooks:AllowedHosts"] = "127.0.0.1",
            ["Lims:PublicHealth:Endpoint"] = Receiver.Url(PublicHealthPath),
            ["Lims:PublicHealth:SigningSecret"] = PublicHealthSecret,
            ["Lims:Review:AutoReleaseNegatives"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteOutboundApi : OutboundApi
{
    protected override Task<LimsApiFactory> CreateAsync(IReadOnlyDictionary<string, string> settings) =>
        LimsApiFactory.CreateAsync(DatabaseProvider.Sqlite, settings: settings);
}

public sealed class PostgreSqlOutboundApi : OutboundApi
{
    protected override async Task<LimsApiFactory> CreateAsync(IReadOnlyDictionary<string, string> settings) =>
        await LimsApiFactory.CreateAsync(DatabaseProvider.PostgreSql, await PostgresServer.SharedAsync(), settings);
}

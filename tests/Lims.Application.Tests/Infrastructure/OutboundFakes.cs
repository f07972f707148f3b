using System.Collections.Concurrent;
using System.Text.Json;
using Lims.Application.Features.Webhooks;
using Lims.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lims.Application.Tests.Infrastructure;

/// <summary>An <see cref="IOutboundHttp"/> that keeps every POST and answers each URL with the status set for it (200 unless set).</summary>
public sealed class FakeOutboundHttp : IOutboundHttp
{
    private readonly ConcurrentQueue<OutboundPost> _posts = new();

    public ConcurrentDictionary<string, int> Statuses { get; } = new();

    public IReadOnlyList<OutboundPost> To(string url) => [.. _posts.Where(p => p.Url == url)];

    public Task<OutboundResult> PostJsonAsync(Uri url, OutboundTarget target, byte[] body, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _posts.Enqueue(new OutboundPost(url.AbsoluteUri, body, new Dictionary<string, string>(headers)));
        var status = Statuses.GetValueOrDefault(url.AbsoluteUri, 200);
        return Task.FromResult(status is >= 200 and < 300 ? new OutboundResult(true, status, null) : new OutboundResult(false, status, $"The receiver answered {status}."));
    }
}

public sealed record OutboundPost(string Url, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>An <see cref="IWebhookDispatcher"/> that hands nothing to a job system and keeps what it was given.</summary>
public sealed class RecordingWebhookDispatcher : IWebhookDispatcher
{
    private readonly ConcurrentQueue<(Guid Delivery, int Attempt, TimeSpan Delay)> _dispatched = new();

    public void Dispatch(Guid delivery, int attempt, TimeSpan delay) => _dispatched.Enqueue((delivery, attempt, delay));

    /// <summary>The attempts of the delivery handed over, in order, with their delays.</summary>
    public IReadOnlyList<(int Attempt, TimeSpan Delay)> Of(Guid delivery) => [.. _dispatched.Where(d => d.Delivery == delivery).Select(d => (d.Attempt, d.Delay))];
}

/// <summary>
/// The application with its outbound HTTP and its job hand-over replaced by fakes, and webhook attempts retried after
/// 30 s and 2 min (three attempts in all), swept when 5 min late.
/// </summary>
public abstract class OutboundAppFixture : AppFixture
{
    /// <summary>The host of the tests' webhooks (allowed by configuration: see <see cref="LimsApp"/>).</summary>
    public const string Hospital = "hospital.example";

    public static readonly WebhookSettings Webhooks = new([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)], TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    public FakeOutboundHttp Http { get; } = new();
    public RecordingWebhookDispatcher Dispatcher { get; } = new();

    protected override void Configure(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IOutboundHttp>(Http));
        services.Replace(ServiceDescriptor.Singleton<IWebhookDispatcher>(Dispatcher));
        services.Replace(ServiceDescriptor.Singleton(Webhooks));
    }
}

public sealed class SqliteOutboundApp : OutboundAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlOutboundApp : OutboundAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

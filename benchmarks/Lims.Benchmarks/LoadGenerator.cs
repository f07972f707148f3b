using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lims.Benchmarks;

/// <summary>
/// Drives <c>POST /api/v1/batches</c> over HTTP: bodies are built before timing, at most
/// <c>--concurrency</c> requests are in flight, no request starts after <c>--max-seconds</c>, and
/// every answer must be 201 with every tube accepted.
/// </summary>
public static class LoadGenerator
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("url").TrimEnd('/') + "/api/v1/batches");
        if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"The load generator only drives a server on the loopback address, not {url.Host}.");
        var key = args.Required("key");
        var batches = args.Int("batches", 60);
        var tubes = args.Int("tubes", 1000);
        var people = args.Int("people", 10);
        var concurrency = Math.Max(1, args.Int("concurrency", 4));
        var maxSeconds = args.Int("max-seconds", 120);
        var firstPerson = args.Optional("first-person") is { } first
            ? long.Parse(first, CultureInfo.InvariantCulture)
            : Random.Shared.NextInt64(0, 4_000) * 1000;

        var tag = BatchData.RunTag();
        var prepare = Stopwatch.StartNew();
        var bodies = new byte[batches][];
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b => bodies[b] = BatchData.Body(tag, b, tubes, people, firstPerson));
        Console.WriteLine($"prepared {batches} bodies of {tubes} tubes × {people} people ({BatchData.Describe(bodies[0])} each, run tag {tag}) in {prepare.Elapsed.TotalSeconds:F1} s");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(maxSeconds + 60) };
        using var hardStop = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds + 60));

        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var succeeded = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var meter = CpuMeter.Start(args.Optional("cpu") is { } watched ? $"{watched},load generator:{Environment.ProcessId}" : null);
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(maxSeconds);

        async Task Worker()
        {
            while (clock.Elapsed < deadline && !hardStop.IsCancellationRequested)
            {
                var b = Interlocked.Increment(ref next);
                if (b >= batches) return;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bodies[b]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
                request.Headers.Add("Idempotency-Key", $"{tag}-{b}-{Guid.NewGuid():N}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, hardStop.Token);
                    var text = await response.Content.ReadAsStringAsync(hardStop.Token);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    var problem = Check(response.StatusCode, text, tubes);
                    if (problem is null) Interlocked.Increment(ref succeeded);
                    else failures.Enqueue($"batch {b}: {problem}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    failures.Enqueue($"batch {b}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var cpuReport = meter?.Report(elapsed);

        var sent = latencies.Count;
        var sorted = latencies.Order().ToList();
        var acceptedTubes = (long)succeeded * tubes;
        var acceptedPeople = acceptedTubes * people;
        Console.WriteLine($"url:          {url}");
        Console.WriteLine($"concurrency:  {concurrency}");
        Console.WriteLine($"batches:      {sent} sent, {succeeded} fully accepted, {failures.Count} failed{(sent < batches ? $" (stopped at the {maxSeconds} s limit)" : "")}");
        Console.WriteLine($"tubes:        {acceptedTubes:N0}");
        Console.WriteLine($"people:       {acceptedPeople:N0}");
        Console.WriteLine($"elapsed:      {elapsed:F2} s");
        Console.WriteLine($"people/s:     {Stats.Rate(acceptedPeople / elapsed)}");
        Console.WriteLine($"tubes/s:      {Stats.Rate(acceptedTubes / elapsed)}");
        Console.WriteLine($"latency:      p50 {Stats.Ms(Stats.Percentile(sorted, 50))}, p95 {Stats.Ms(Stats.Percentile(sorted, 95))}, p99 {Stats.Ms(Stats.Percentile(sorted, 99))}, max {Stats.Ms(sorted.Count > 0 ? sorted[^1] : double.NaN)} per batch request");
        Console.WriteLine($"client CPU:   {cpu:F1} s ({cpu / elapsed * 100:F0} % of one core)");
        if (cpuReport is not null) Console.WriteLine($"server CPU:   {cpuReport}");
        foreach (var failure in failures.Take(5)) Console.WriteLine($"failure:      {failure}");
        return failures.IsEmpty && sent > 0 ? 0 : 1;
    }

    private static string? Check(HttpStatusCode status, string text, int tubes)
    {
        if (status != HttpStatusCode.Created) return $"HTTP {(int)status}: {Shorten(text)}";
        try
        {
            using var json = JsonDocument.Parse(text);
            var accepted = json.RootElement.GetProperty("accepted").GetInt32();
            var rejected = json.RootElement.GetProperty("rejected").GetArrayLength();
            return accepted == tubes && rejected == 0 ? null : $"201 but {accepted} accepted, {rejected} rejected: {Shorten(text)}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"201 with an unreadable receipt: {Shorten(text)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

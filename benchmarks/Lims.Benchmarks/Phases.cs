using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Batches;
using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure;
using Lims.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lims.Benchmarks;

/// <summary>
/// Times the phases of a batch registration separately, in this process, against a real
/// PostgreSQL database: JSON parse, the in-memory part (validation, encryption, Tube.Register,
/// receipt), and the database write through the registered <see cref="IBatchRegistrationWriter"/>
/// (the same bulk writer the API uses), the last with <c>--concurrency</c> writers.
/// </summary>
public static class Phases
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var connection = args.Required("connection");
        var host = new NpgsqlConnectionStringBuilder(connection).Host;
        if (host is not ("127.0.0.1" or "localhost" or "::1"))
            throw new ArgumentException($"The phases probe only writes to a database on the loopback address, not {host}.");
        var submitterCode = args.Optional("submitter") ?? "bench";
        var batches = args.Int("batches", 20);
        var tubes = args.Int("tubes", 1000);
        var people = args.Int("people", 10);
        var concurrency = Math.Max(1, args.Int("concurrency", 1));
        var maxSeconds = args.Int("max-seconds", 120);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Lims"] = connection,
            ["Lims:Security:PersonalDataKey"] = Environment.GetEnvironmentVariable("Lims__Security__PersonalDataKey") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Lims:Security:LookupKey"] = Environment.GetEnvironmentVariable("Lims__Security__LookupKey") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLimsInfrastructure(configuration, out _);
        await using var provider = services.BuildServiceProvider();

        SubmitterId submitter;
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT id FROM submitters WHERE code = @code", db);
            query.Parameters.AddWithValue("code", submitterCode);
            submitter = new SubmitterId(await query.ExecuteScalarAsync() as Guid? ?? throw new InvalidOperationException($"No submitter '{submitterCode}'."));
        }

        var tag = BatchData.RunTag();
        var firstPerson = Random.Shared.NextInt64(0, 4_000) * 1000;
        var bodies = new byte[batches][];
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b => bodies[b] = BatchData.Body(tag, b, tubes, people, firstPerson));
        Console.WriteLine($"prepared {batches} bodies of {tubes} tubes × {people} people ({BatchData.Describe(bodies[0])} each, run tag {tag})");

        // Warm up the JIT and the connection pool on extra batches that are written too.
        var inProcess = new InProcess(provider.GetRequiredService<IPersonIdProtector>());
        for (var w = 0; w < 5; w++)
        {
            var warm = BatchData.Body(tag + "W", w, tubes, people, firstPerson + 9_000_000);
            await inProcess.RegisterAsync(BatchJson.Read(warm), warm, submitter);
            await WriteAsync(provider, inProcess.Writer.Submission!, inProcess.Writer.Tubes);
        }

        // Phases 1–3, one thread, batch after batch.
        var parse = TimeSpan.Zero;
        var hash = TimeSpan.Zero;
        var register = TimeSpan.Zero;
        var prepared = new List<(Submission Submission, IReadOnlyList<Tube> Tubes)>(batches);
        foreach (var body in bodies)
        {
            var clock = Stopwatch.StartNew();
            var request = BatchJson.Read(body);
            parse += clock.Elapsed;
            clock.Restart();
            _ = SHA256.HashData(body);
            hash += clock.Elapsed;
            clock.Restart();
            var result = await inProcess.RegisterAsync(request, body, submitter);
            register += clock.Elapsed;
            if (result.Receipt.Accepted != tubes) throw new InvalidOperationException($"Only {result.Receipt.Accepted} of {tubes} tubes were valid.");
            prepared.Add((inProcess.Writer.Submission!, inProcess.Writer.Tubes));
        }

        // Phase 4: the database write, `concurrency` writers at once.
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var deadline = TimeSpan.FromSeconds(maxSeconds);
        var meter = CpuMeter.Start(args.Optional("cpu") is { } watched ? $"{watched},probe:{Environment.ProcessId}" : null);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int b;
            while (wall.Elapsed < deadline && (b = Interlocked.Increment(ref next)) < prepared.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await WriteAsync(provider, prepared[b].Submission, prepared[b].Tubes);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var writeWall = wall.Elapsed.TotalSeconds;
        var written = latencies.Count;
        var cpuReport = meter?.Report(writeWall);
        var sorted = latencies.Order().ToList();

        var perBatch = (double)tubes * people;
        void Line(string phase, TimeSpan total, int count) =>
            Console.WriteLine($"{phase,-44} {total.TotalMilliseconds / count,8:F1} ms/batch  {Stats.Rate(perBatch * count / total.TotalSeconds),12} people/s");
        Console.WriteLine($"phases per batch of {tubes:N0} tubes × {people} people, one thread ({batches} batches):");
        Line("1 JSON parse (System.Text.Json)", parse, batches);
        Line("2 SHA-256 of the body (idempotency hash)", hash, batches);
        Line("3 validate + Protect + Tube.Register + receipt", register, batches);
        Console.WriteLine($"4 database write (PostgreSqlBatchWriter), {concurrency} writer(s): {written} batches in {writeWall:F2} s = {Stats.Rate(perBatch * written / writeWall)} people/s; " +
            $"per batch p50 {Stats.Ms(Stats.Percentile(sorted, 50))}, p95 {Stats.Ms(Stats.Percentile(sorted, 95))}, max {Stats.Ms(sorted.Count > 0 ? sorted[^1] : double.NaN)}");
        if (cpuReport is not null) Console.WriteLine($"  CPU during the write phase: {cpuReport}");
        return 0;
    }

    private static async Task WriteAsync(IServiceProvider provider, Submission submission, IReadOnlyList<Tube> tubes)
    {
        await using var scope = provider.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<IBatchRegistrationWriter>();
        var duplicates = 0;
        var written = await writer.WriteAsync(submission, tubes, already => duplicates = already.Count, CancellationToken.None);
        if (!written || duplicates > 0) throw new InvalidOperationException($"The batch was not fully written ({duplicates} barcodes taken, written: {written}).");
    }
}

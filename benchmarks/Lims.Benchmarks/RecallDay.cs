using System.Diagnostics;
using System.Security.Cryptography;
using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Lims.Benchmarks;

/// <summary>
/// A city's day of collection pools deconvolved and persisted on PostgreSQL: <c>--pools</c> pooled tubes (default
/// 2.6 M) already interpreted, <c>--positive-rate</c> of them positive (default 1 %) with <c>--people</c> people each.
/// Timed: the in-memory pass over the day's pool results (which pools need a recall), and opening every recall —
/// the production use case <see cref="OpenRecallCasesHandler"/> with the PostgreSQL bulk writer: the positive pools
/// and their head counts read in one query, the order barcodes issued as ranges, then one statement that writes the
/// cases and makes the members in the database from <c>tube_members</c> (order barcodes and check digits in SQL).
/// Negative pools write nothing per member: their people's results are the pool's call.
/// </summary>
public static class RecallDay
{
    private const int WarmUpPools = 20;

    public static async Task<int> RunAsync(Arguments args)
    {
        var connection = DayDatabase.LoopbackConnection(args, "recall-day");
        var pools = args.Int("pools", 2_600_000);
        var rate = double.Parse(args.Optional("positive-rate") ?? "0.01", System.Globalization.CultureInfo.InvariantCulture);
        var people = args.Int("people", 10);

        await using var provider = await DayDatabase.MigratedAsync(connection);

        // The day: pool i is positive when its hash says so (deterministic, ~rate of them).
        var tag = BatchData.RunTag();
        var ids = new Guid[pools];
        var positive = new bool[pools];
        var random = new Random(42);
        for (var i = 0; i < pools; i++)
        {
            ids[i] = Guid.CreateVersion7();
            positive[i] = random.NextDouble() < rate;
        }
        // Warm-up of the day's query (every positive pool without a case), on the empty database: EF compiles a query
        // shape once per process, and the warm-up passes below have another shape (filtered by tube).
        await using (var warm = provider.CreateAsyncScope())
            await OpenAsync(warm, new OpenRecallCases(null, "bench"));

        var seed = Stopwatch.StartNew();
        await SeedAsync(connection, tag, ids, positive, people);
        Console.WriteLine($"seeded {pools:N0} interpreted pools ({positive.Count(p => p):N0} positive × {people} people) in {seed.Elapsed.TotalSeconds:F1} s");

        var recall = Positives(ids, positive);
        var warmUp = recall.Take(WarmUpPools).ToArray();
        var repeat = args.Int("repeat", 3);
        var times = new List<double>();
        var failed = false;
        for (var round = 1; round <= repeat; round++)
        {
            if (round > 1) await ResetAsync(connection);
            // Warm-up, so that the pass is timed as a server that has run the job all day runs it: a few pools recalled five
            // at a time (EF's query compilation, the connection pool, and the JIT: run-recall-day.sh starts this process with
            // tiered compilation off, so every method is compiled optimised on its first call and none is recompiled during
            // the pass; with it on, the pass paid for ~1,000 methods recompiled in the background, 46 % of this process's
            // samples in libclrjit and code-page remapping that interrupts the other core too). Then the garbage of the
            // seeding (2.6 M tubes written with COPY by this process) is collected now, not during the pass.
            foreach (var chunk in warmUp.Chunk(5))
                await using (var warm = provider.CreateAsyncScope())
                    await OpenAsync(warm, new OpenRecallCases([.. chunk.Select(id => new Lims.Domain.Common.TubeId(id))], "bench"));
            Positives(ids, positive);
            var compiled = await JitIdleAsync();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();

            // 1. In memory: which pools of the day need a recall (Dorfman stage one: a positive pool → each member alone).
            var memory = Stopwatch.StartNew();
            recall = Positives(ids, positive);
            memory.Stop();

            // 2. Open and persist every recall with the production use case.
            await using var work = provider.CreateAsyncScope();
            // CPU of this process and of the PostgreSQL server (postmaster and every backend) while the pass runs: on a
            // shared machine the wall time depends on who else runs, the CPU spent much less.
            CpuMeter? meter = null;
            await using (var backend = new NpgsqlConnection(connection))
            {
                await backend.OpenAsync();
                await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", backend);
                if (CpuMeter.ParentOf((int)(await pid.ExecuteScalarAsync())!) is { } postmaster)
                    meter = CpuMeter.Start($"postgres:{postmaster},probe:{Environment.ProcessId}");
            }
            var persist = Stopwatch.StartNew();
            var opened = await OpenAsync(work, new OpenRecallCases(null, "bench"));
            persist.Stop();
            var cpu = meter?.Report(persist.Elapsed.TotalSeconds);

            var (cases, members) = await CountAsync(connection);
            Console.WriteLine($"-- round {round} of {repeat}");
            Console.WriteLine($"pools:        {pools:N0} ({recall.Count:N0} positive, {warmUp.Length} of them recalled in the warm-up)");
            Console.WriteLine($"in memory:    {memory.Elapsed.TotalMilliseconds:F1} ms ({pools / memory.Elapsed.TotalSeconds / 1e6:F0} M pool results/s)");
            Console.WriteLine($"persisted:    {opened.Count:N0} recall cases ({members:N0} members in all) in {persist.Elapsed.TotalMilliseconds:F0} ms (query, barcode ranges, one INSERT statement, commit)");
            Console.WriteLine($"total:        {(memory.Elapsed + persist.Elapsed).TotalMilliseconds:F0} ms");
            if (cpu is not null) Console.WriteLine($"CPU of the pass: {cpu}");
            Console.WriteLine($"JIT:          {System.Runtime.JitInfo.GetCompiledMethodCount() - compiled:N0} methods compiled during the pass");
            times.Add((memory.Elapsed + persist.Elapsed).TotalMilliseconds);
            failed |= !(opened.Count == recall.Count - warmUp.Length && cases == recall.Count && members >= (long)recall.Count * people);
        }
        times.Sort();
        Console.WriteLine($"== total per round: {string.Join(" / ", times.Select(t => $"{t:F0}"))} ms (sorted); median {times[times.Count / 2]:F0} ms");
        return failed ? 1 : 0;

        // The production handler in one transaction, as the command pipeline runs it (this host has no Mediator).
        static async Task<IReadOnlyList<Lims.Domain.Pools.Recall.RecallCaseId>> OpenAsync(AsyncServiceScope scope, OpenRecallCases command)
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ILimsDbContext>();
            var handler = new OpenRecallCasesHandler(db, new RecallOrders(
                db, services.GetRequiredService<ITransactionLocks>(), services.GetRequiredService<IRecallCaseWriter>(), TimeProvider.System, RecallSettings.Default));
            await using var transaction = await db.Database.BeginTransactionAsync();
            var opened = await handler.Handle(command, CancellationToken.None);
            await transaction.CommitAsync();
            return opened;
        }
    }

    /// <summary>Every recall case removed (as before the first round), and a checkpoint, so each round starts as the first.</summary>
    private static async Task ResetAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var reset = new NpgsqlCommand("TRUNCATE recall_members, recall_cases; CHECKPOINT", db) { CommandTimeout = 600 };
        await reset.ExecuteNonQueryAsync();
    }

    private static async Task<(long Cases, long Members)> CountAsync(string connection)
    {
        await using var check = new NpgsqlConnection(connection);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM recall_cases), (SELECT count(*) FROM recall_members)", check);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Waits until the JIT has compiled nothing for a second (at most a minute); the number of methods compiled.</summary>
    private static async Task<long> JitIdleAsync()
    {
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var waited = 0; waited < 60; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == count) break;
            count = now;
        }
        return count;
    }

    private static List<Guid> Positives(Guid[] ids, bool[] positive)
    {
        var recall = new List<Guid>(ids.Length / 50);
        for (var i = 0; i < ids.Length; i++)
            if (positive[i]) recall.Add(ids[i]);
        return recall;
    }

    /// <summary>Tubes with COPY; members only for positive pools (a negative pool's people need no row for this).</summary>
    private static async Task SeedAsync(string connectionString, string tag, Guid[] ids, bool[] positive, int people)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var submitter = Guid.CreateVersion7();
        var submission = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO submitters (id, code, name, kind, created_at) VALUES (@submitter, @code, 'Recall day', 'CollectionSite', @now);
            INSERT INTO submissions (id, submitter_id, idempotency_key, request_hash, received_at, accepted, rejected, receipt)
            VALUES (@submission, @submitter, @code, '\x00', @now, 0, 0, '');
            """, connection))
        {
            insert.Parameters.AddWithValue("submitter", submitter);
            insert.Parameters.AddWithValue("submission", submission);
            insert.Parameters.AddWithValue("code", "day-" + tag);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY tubes (id, barcode, kind, capacity, submitter_id, submission_id, collected_at, site, priority, due_at, registered_at, status, call, retest_count, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < ids.Length; i++)
            {
                copy.StartRow();
                copy.Write(ids[i], NpgsqlDbType.Uuid);
                copy.Write($"D{tag}{i:D9}", NpgsqlDbType.Varchar);
                copy.Write("Pooled", NpgsqlDbType.Varchar);
                copy.Write(people, NpgsqlDbType.Integer);
                copy.Write(submitter, NpgsqlDbType.Uuid);
                copy.Write(submission, NpgsqlDbType.Uuid);
                copy.Write(now.AddHours(-8), NpgsqlDbType.TimestampTz);
                copy.Write($"Site {i % 500}", NpgsqlDbType.Varchar);
                copy.Write("Screening", NpgsqlDbType.Varchar);
                copy.Write(now.AddHours(16), NpgsqlDbType.TimestampTz);
                copy.Write(now.AddHours(-7), NpgsqlDbType.TimestampTz);
                copy.Write("Interpreted", NpgsqlDbType.Varchar);
                copy.Write(positive[i] ? "Positive" : "Negative", NpgsqlDbType.Varchar);
                copy.Write(0, NpgsqlDbType.Integer);
                copy.Write(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY tube_members (tube_id, position, id_type, id_cipher, id_hash, id_masked, name, phone) FROM STDIN (FORMAT BINARY)"))
        {
            var cipher = new byte[46];
            for (var i = 0; i < ids.Length; i++)
            {
                if (!positive[i]) continue;
                for (var p = 1; p <= people; p++)
                {
                    copy.StartRow();
                    copy.Write(ids[i], NpgsqlDbType.Uuid);
                    copy.Write(p, NpgsqlDbType.Integer);
                    copy.Write("CnResident", NpgsqlDbType.Varchar);
                    copy.Write(cipher, NpgsqlDbType.Bytea);
                    copy.Write(SHA256.HashData(BitConverter.GetBytes(((long)i << 8) | (long)p)), NpgsqlDbType.Bytea);
                    copy.Write("1101**********123X", NpgsqlDbType.Varchar);
                    copy.Write($"Person {p}", NpgsqlDbType.Varchar);
                    copy.WriteNull();
                }
            }
            await copy.CompleteAsync();
        }
        foreach (var table in new[] { "tubes", "tube_members" })
        {
            await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }
        // The day's pools were registered and interpreted over hours, long since checkpointed when the pass runs. Without
        // this, the checkpoint that the seeding's gigabytes of WAL force would run during the pass and time the seeding.
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 600 })
            await checkpoint.ExecuteNonQueryAsync();
    }
}

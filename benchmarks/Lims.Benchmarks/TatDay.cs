using System.Diagnostics;
using System.Globalization;
using Lims.Application.Abstractions;
using Lims.Application.Features.Dashboard;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Lims.Benchmarks;

/// <summary>
/// The turnaround dashboard over a city's day on PostgreSQL: <c>--tubes</c> tubes (default 3 M) collected over one day
/// at <c>--sites</c> sites (default 500), 80 % screening pools of 10, 15 % routine and 5 % emergency singles, most of
/// them released with every stage time set, the rest still on the bench. Timed: <see cref="GetTurnaroundHandler"/> for
/// the whole day (every tube of it streamed once through the due_at index), with the bytes it allocated.
/// </summary>
public static class TatDay
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(Arguments args)
    {
        var connection = DayDatabase.LoopbackConnection(args, "tat-day");
        var tubes = args.Int("tubes", 3_000_000);
        var sites = args.Int("sites", 500);

        await using var provider = await DayDatabase.MigratedAsync(connection);

        var seed = Stopwatch.StartNew();
        await SeedAsync(connection, BatchData.RunTag(), tubes, sites);
        Console.WriteLine($"seeded {tubes:N0} tubes collected on {Day:yyyy-MM-dd} at {sites} sites in {seed.Elapsed.TotalSeconds:F1} s");

        var asOf = new FixedClock(Day.AddHours(30));
        async Task<(TurnaroundView View, TimeSpan Elapsed, long Allocated, TimeSpan Cpu)> Dashboard(DateTimeOffset from, DateTimeOffset to)
        {
            await using var scope = provider.CreateAsyncScope();
            var handler = new GetTurnaroundHandler(scope.ServiceProvider.GetRequiredService<ITurnaroundReader>(), asOf);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var view = await handler.Handle(new GetTurnaround(from.ToString("O", CultureInfo.InvariantCulture), to.ToString("O", CultureInfo.InvariantCulture)), CancellationToken.None);
            watch.Stop();
            return (view, watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }

        // Warm-up: EF's query compilation, the connection pool, and the JIT's tiers (the row loop runs optimized once it
        // has been called 30 times, as in a server that has answered the dashboard a few times).
        // A pause lets the background compiler finish on a busy machine.
        for (var i = 0; i < 12; i++) await Dashboard(Day.AddMinutes(5 * i), Day.AddMinutes(5 * i + 5));
        await Task.Delay(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 12; i++) await Dashboard(Day.AddMinutes(5 * i), Day.AddMinutes(5 * i + 5));
        var hour = await Dashboard(Day.AddHours(12), Day.AddHours(13));
        var day = await Dashboard(Day, Day.AddDays(1));
        var floor = await BareReadAsync(connection, Day, Day.AddDays(1));
        await using (var scope = provider.CreateAsyncScope())
            await EfProjectionAsync(scope.ServiceProvider.GetRequiredService<ILimsDbContext>(), Day, Day.AddDays(1));
        var tat = day.View.Stages.Single(s => s.Stage == "collected-released").All;
        Console.WriteLine($"one hour:     {hour.View.Tubes:N0} tubes in {hour.Elapsed.TotalMilliseconds:F0} ms (cpu {hour.Cpu.TotalMilliseconds:F0} ms), {hour.Allocated / 1048576.0:F0} MiB allocated");
        Console.WriteLine($"whole day:    {day.View.Tubes:N0} tubes in {day.Elapsed.TotalMilliseconds:F0} ms (cpu {day.Cpu.TotalMilliseconds:F0} ms; {day.View.Tubes / day.Elapsed.TotalSeconds / 1e6:F2} M tubes/s), " +
            $"{day.Allocated / 1048576.0:F0} MiB allocated ({(double)day.Allocated / day.View.Tubes:F0} B per tube)");
        Console.WriteLine($"bare read:    the same rows and columns read with Npgsql (boxed) and dropped: {floor.Elapsed.TotalMilliseconds:F0} ms (cpu {floor.Cpu.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"turnaround:   {tat.Count:N0} released, p50 {tat.P50 / 60} min, p90 {tat.P90 / 60} min, p99 {tat.P99 / 60} min; " +
            $"{day.View.Overdue.All.ReleasedLate:N0} released late, {day.View.Overdue.All.OpenPastDue:N0} open past due; {day.View.Positivity.Count:N0} site-days");
        return day.View.Tubes == tubes ? 0 : 1;
    }

    /// <summary>Tubes with COPY, every stage time filled up to the tube's status; no members (the dashboard reads member_count).</summary>
    private static async Task SeedAsync(string connectionString, string tag, int tubes, int sites)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var submitter = Guid.CreateVersion7();
        var submission = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO submitters (id, code, name, kind, created_at) VALUES (@submitter, @code, 'TAT day', 'CollectionSite', @now);
            INSERT INTO submissions (id, submitter_id, idempotency_key, request_hash, received_at, accepted, rejected, receipt)
            VALUES (@submission, @submitter, @code, '\x00', @now, 0, 0, '');
            """, connection))
        {
            insert.Parameters.AddWithValue("submitter", submitter);
            insert.Parameters.AddWithValue("submission", submission);
            insert.Parameters.AddWithValue("code", "tat-" + tag);
            insert.Parameters.AddWithValue("now", Day);
            await insert.ExecuteNonQueryAsync();
        }

        var random = new Random(42);
        string[] stages = ["Received", "Inactivated", "Plated", "Amplified", "Interpreted", "Reviewed", "Released"];
        // Minutes each step takes after the one before: received, inactivated, plated, amplified, interpreted, reviewed, released.
        (int Min, int Max)[] steps = [(30, 300), (30, 60), (5, 90), (60, 180), (0, 5), (5, 180), (1, 60)];
        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY tubes (id, barcode, kind, capacity, submitter_id, submission_id, collected_at, site, priority, due_at, registered_at, status, call,
                        retest_count, version, member_count, received_at, inactivated_at, plated_at, amplified_at, interpreted_at, reviewed_at, released_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            var times = new DateTimeOffset[steps.Length];
            for (var i = 0; i < tubes; i++)
            {
                var kind = random.NextDouble();
                var (priority, turnaround, pooled) = kind < 0.05 ? ("Emergency", 6, false) : kind < 0.20 ? ("Routine", 12, false) : ("Screening", 24, true);
                var collected = Day.AddSeconds(random.Next(86_400));
                // 85 % released, the rest stopped at some earlier stage (registered … reviewed).
                var reached = random.NextDouble() < 0.85 ? steps.Length : random.Next(steps.Length);
                var at = collected;
                for (var s = 0; s < steps.Length; s++)
                {
                    at = at.AddSeconds(random.Next(steps[s].Min * 60, steps[s].Max * 60 + 1));
                    times[s] = at;
                }
                copy.StartRow();
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write($"Z{tag}{i:D9}", NpgsqlDbType.Varchar);
                copy.Write(pooled ? "Pooled" : "Single", NpgsqlDbType.Varchar);
                copy.Write(pooled ? 10 : 1, NpgsqlDbType.Integer);
                copy.Write(submitter, NpgsqlDbType.Uuid);
                copy.Write(submission, NpgsqlDbType.Uuid);
                copy.Write(collected, NpgsqlDbType.TimestampTz);
                copy.Write($"Site {random.Next(sites)}", NpgsqlDbType.Varchar);
                copy.Write(priority, NpgsqlDbType.Varchar);
                copy.Write(collected.AddHours(turnaround), NpgsqlDbType.TimestampTz);
                copy.Write(collected.AddMinutes(5), NpgsqlDbType.TimestampTz);
                copy.Write(reached == 0 ? "Shipped" : stages[reached - 1], NpgsqlDbType.Varchar);
                if (reached >= 5) copy.Write(random.NextDouble() < 0.01 ? "Positive" : "Negative", NpgsqlDbType.Varchar);
                else copy.WriteNull();
                copy.Write(0, NpgsqlDbType.Integer);
                copy.Write(reached, NpgsqlDbType.Integer);
                copy.Write(pooled ? 10 : 1, NpgsqlDbType.Integer);
                for (var s = 0; s < steps.Length; s++)
                    if (s < reached) copy.Write(times[s], NpgsqlDbType.TimestampTz);
                    else copy.WriteNull();
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE tubes", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>What the reader replaced: EF Core materializing the same projection, row by row, nothing computed.</summary>
    private static async Task EfProjectionAsync(ILimsDbContext db, DateTimeOffset from, DateTimeOffset to)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long rows = 0;
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var (dueFrom, dueTo) = (from + priority.Turnaround(), to + priority.Turnaround());
            await foreach (var row in db.Tubes.AsNoTracking()
                .Where(t => t.Priority == priority && t.DueAt >= dueFrom && t.DueAt < dueTo && t.CollectedAt >= from && t.CollectedAt < to)
                .Select(t => new
                {
                    t.Status, t.Call, t.Site, t.MemberCount, t.DueAt,
                    t.CollectedAt, t.ReceivedAt, t.InactivatedAt, t.PlatedAt, t.AmplifiedAt, t.InterpretedAt, t.ReviewedAt, t.ReleasedAt,
                })
                .AsAsyncEnumerable())
                rows++;
        }
        Console.WriteLine($"EF projection: the same rows materialized by EF Core and dropped: {watch.ElapsedMilliseconds} ms " +
            $"(cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms), {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F0} MiB allocated");
    }

    /// <summary>The floor under the dashboard: the day's rows and columns read with a plain data reader, nothing computed.</summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> BareReadAsync(string connectionString, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long rows = 0;
        foreach (var (priority, hours) in new[] { ("Emergency", 6), ("Routine", 12), ("Screening", 24) })
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT status, call, site, member_count, due_at, collected_at, received_at, inactivated_at, plated_at, amplified_at,
                       interpreted_at, reviewed_at, released_at
                FROM tubes
                WHERE priority = @priority AND due_at >= @dueFrom AND due_at < @dueTo AND collected_at >= @from AND collected_at < @to
                """, connection);
            command.Parameters.AddWithValue("priority", priority);
            command.Parameters.AddWithValue("dueFrom", from.AddHours(hours));
            command.Parameters.AddWithValue("dueTo", to.AddHours(hours));
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                rows++;
            }
        }
        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

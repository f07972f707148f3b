using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Lims.Application.Abstractions;
using Lims.Application.Features.Lookup;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Security;
using Lims.Scenarios;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Lims.Benchmarks;

/// <summary>
/// The public look-up under load: <c>lookup-seed</c> fills the read model (<c>lookup_results</c>) directly with N people, as
/// releases would have written it, and <c>lookup-load</c> drives <c>POST /api/v1/lookup</c> (or GET) for random seeded people.
/// Person i has the resident id <see cref="Id"/>(i) and the name <see cref="Name"/>(i) in both.
/// </summary>
public static class LookupLoad
{
    private static readonly DateTimeOffset FirstDay = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // The read model's people are born from 1940 on, not from Population's 1950: kept, so that a database seeded before still answers the load.
    private static readonly DateOnly FirstBirthDate = new(1940, 1, 1);

    public static string Id(long i) => Population.ResidentId(i, FirstBirthDate);

    public static string Name(long i) => Population.Name(i);

    /// <summary>Person i's row as releases would have written it: <paramref name="results"/> daily screening results, the latest a recall for 1 % of people.</summary>
    public static (byte[] Hash, string Payload, long LastCursor) Payload(ILookupHasher hasher, long i, int results)
    {
        var id = Id(i);
        var name = Name(i);
        var hash = hasher.PersonHash(PersonId.Create(PersonIdType.CnResident, id));
        var nameHash = hasher.NameHash(hash, name);
        var lookup = new PersonLookup(PersonId.Mask(id), [], []);
        for (var r = 0; r < results; r++)
        {
            var collected = FirstDay.AddDays(r).AddHours(7 + i % 10);
            lookup.Add(PersonId.Mask(id), nameHash, Member.MaskName(name), i * results + r + 1,
                r == results - 1 && i % 100 == 0 ? PersonOutcome.RecallRequired : PersonOutcome.Negative,
                $"TB{(i * results + r) % 1_000_000_000:D9}{r}", true, $"Collection site {i % 200}", collected, collected.AddHours(9));
        }
        return (hash, LookupPayload.Write(lookup), lookup.LastCursor);
    }

    /// <summary><c>lookup-seed --provider postgresql|sqlite --connection CS [--people 1000000] [--results 5]</c>; the lookup key from <c>Lims__Security__LookupKey</c>.</summary>
    public static async Task<int> SeedAsync(Arguments args)
    {
        var provider = (args.Optional("provider") ?? "postgresql").ToLowerInvariant();
        var connection = args.Required("connection");
        var people = args.Int("people", 1_000_000);
        var results = Math.Clamp(args.Int("results", 5), 1, PersonLookup.Kept);
        var key = Environment.GetEnvironmentVariable("Lims__Security__LookupKey")
            ?? throw new ArgumentException("Lims__Security__LookupKey (the API's lookup key, base64) must be set.");
        using var protector = new PersonIdProtector(new PersonalDataKeys(RandomNumberGenerator.GetBytes(32), Convert.FromBase64String(key)));
        ILookupHasher hasher = protector;

        (byte[] Hash, string Payload, long LastCursor) Row(long i) => Payload(hasher, i, results);

        var clock = Stopwatch.StartNew();
        var at = DateTimeOffset.UtcNow;
        long bytes = 0;
        if (provider == "postgresql")
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using (var copy = await db.BeginBinaryImportAsync("COPY lookup_results (person_hash, payload, last_cursor, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (long i = 0; i < people; i++)
                {
                    var (hash, payload, last) = Row(i);
                    bytes += payload.Length;
                    copy.StartRow();
                    copy.Write(hash, NpgsqlDbType.Bytea);
                    copy.Write(payload, NpgsqlDbType.Text);
                    copy.Write(last, NpgsqlDbType.Bigint);
                    copy.Write(at, NpgsqlDbType.TimestampTz);
                }
                await copy.CompleteAsync();
            }
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) lookup_results", db) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        else if (provider == "sqlite")
        {
            await using var db = new SqliteConnection(connection);
            await db.OpenAsync();
            await using var transaction = await db.BeginTransactionAsync();
            await using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO lookup_results (person_hash, payload, last_cursor, updated_at) VALUES ($h, $p, $c, $u)";
            var h = insert.Parameters.Add("$h", SqliteType.Blob);
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var c = insert.Parameters.Add("$c", SqliteType.Integer);
            insert.Parameters.AddWithValue("$u", at.ToUnixTimeMilliseconds());
            insert.Prepare();
            for (long i = 0; i < people; i++)
            {
                var (hash, payload, last) = Row(i);
                bytes += payload.Length;
                h.Value = hash;
                p.Value = payload;
                c.Value = last;
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        else throw new ArgumentException($"--provider is postgresql or sqlite, not {provider}.");
        Console.WriteLine($"seeded {people:N0} people × {results} results into lookup_results ({provider}) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"payload {bytes / (double)people:F0} characters on average");
        return 0;
    }

    /// <summary>
    /// <c>lookup-load --url http://127.0.0.1:PORT [--people 1000000] [--sample 200000] [--concurrency 64] [--seconds 30]
    /// [--warmup 5] [--misses 0] [--method post|get] [--cpu "api:PID,postgres:PID"]</c>. One connection per concurrent client,
    /// keep-alive, one request in flight on each (no pipelining), requests built before the clock starts.
    /// </summary>
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("url").TrimEnd('/'));
        if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"The load generator only drives a server on the loopback address, not {url.Host}.");
        var people = args.Int("people", 1_000_000);
        var sample = Math.Min(args.Int("sample", 200_000), people);
        var concurrency = Math.Max(1, args.Int("concurrency", 64));
        var seconds = args.Int("seconds", 30);
        var warmup = args.Int("warmup", 5);
        var misses = double.Parse(args.Optional("misses") ?? "0", CultureInfo.InvariantCulture);
        var get = (args.Optional("method") ?? "post").Equals("get", StringComparison.OrdinalIgnoreCase);
        // --floor: the same pipeline without the look-up's work: GET /api/v1/lookup with no id, a 400 from the validator (no hash, no database).
        var floor = args.Flag("floor");

        // A random sample of seeded people (and, with --misses, people who were never seeded), each request as bytes.
        var random = new Random(20261123);
        var requests = new byte[sample][];
        var expectFound = new bool[sample];
        for (var s = 0; s < sample; s++)
        {
            var miss = random.NextDouble() < misses;
            var person = miss ? people + random.NextInt64(1, 10_000_000) : random.NextInt64(0, people);
            expectFound[s] = !miss;
            requests[s] = floor
                ? Encoding.ASCII.GetBytes($"GET /api/v1/lookup?name=x HTTP/1.1\r\nHost: {url.Host}:{url.Port}\r\nAccept: application/json\r\n\r\n")
                : Request(url, get, Id(person), Name(person));
        }
        Console.WriteLine($"prepared {sample:N0} {(get ? "GET" : "POST")} requests for random people of {people:N0} ({misses:P0} unknown), e.g. {requests[0].Length} bytes");

        var endpoint = new IPEndPoint(address, url.Port);
        var workers = new Worker[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = new Worker(requests, expectFound, w * (sample / concurrency), floor ? 400 : null);
            await workers[w].ConnectAsync(endpoint);
        }

        // Warm-up, then the measured window: each worker loops until the deadline of its phase.
        await RunPhaseAsync(workers, TimeSpan.FromSeconds(warmup), record: false);
        foreach (var worker in workers) worker.Reset();
        var meter = CpuMeter.Start(args.Optional("cpu") is { } watched ? $"{watched},load generator:{Environment.ProcessId}" : null);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = await RunPhaseAsync(workers, TimeSpan.FromSeconds(seconds), record: true);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var cpuReport = meter?.Report(elapsed);
        foreach (var worker in workers) worker.Dispose();

        var latencies = workers.SelectMany(w => w.Latencies).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        var ok = workers.Sum(w => w.Found);
        var notFound = workers.Sum(w => w.NotFound);
        var failures = workers.Sum(w => w.Failures);
        Console.WriteLine($"url:          {url}api/v1/lookup ({(get ? "GET" : "POST")})");
        Console.WriteLine($"concurrency:  {concurrency} connections, one request in flight each");
        Console.WriteLine(floor
            ? $"requests:     {latencies.Count:N0} in {elapsed:F2} s: {notFound:N0} answered 400 as expected, {failures:N0} failed"
            : $"requests:     {latencies.Count:N0} in {elapsed:F2} s: {ok:N0} found (200), {notFound:N0} not found (404, expected for unknown people), {failures:N0} failed");
        Console.WriteLine($"lookups/s:    {Stats.Rate(latencies.Count / elapsed)}");
        Console.WriteLine($"latency:      p50 {Ms(Stats.Percentile(latencies, 50))}, p90 {Ms(Stats.Percentile(latencies, 90))}, p99 {Ms(Stats.Percentile(latencies, 99))}, p99.9 {Ms(Stats.Percentile(latencies, 99.9))}, max {Ms(latencies.Count > 0 ? latencies[^1] : double.NaN)}");
        Console.WriteLine($"client CPU:   {cpu:F1} s ({cpu / elapsed * 100:F0} % of one core)");
        if (cpuReport is not null) Console.WriteLine($"server CPU:   {cpuReport}");
        foreach (var failure in workers.SelectMany(w => w.FailureSamples).Take(5)) Console.WriteLine($"failure:      {failure}");
        return failures == 0 && latencies.Count > 0 ? 0 : 1;
    }

    private static string Ms(double ms) => ms.ToString("F2", CultureInfo.InvariantCulture) + " ms";

    private static async Task<double> RunPhaseAsync(Worker[] workers, TimeSpan duration, bool record)
    {
        var clock = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.LoopAsync(deadline, record))));
        return clock.Elapsed.TotalSeconds;
    }

    private static byte[] Request(Uri url, bool get, string idNumber, string name)
    {
        var host = $"{url.Host}:{url.Port}";
        if (get)
            return Encoding.ASCII.GetBytes(
                $"GET /api/v1/lookup?idNumber={idNumber}&name={Uri.EscapeDataString(name)} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n");
        var body = $"{{\"idType\":\"cn-resident\",\"idNumber\":\"{idNumber}\",\"name\":\"{name}\"}}";
        return Encoding.UTF8.GetBytes(
            $"POST /api/v1/lookup HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
    }

    /// <summary>One keep-alive connection: sends a request, reads the whole response (Content-Length or chunked), records the time.</summary>
    private sealed class Worker(byte[][] requests, bool[] expectFound, int start, int? expectedStatus) : IDisposable
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private Socket _socket = null!;
        private EndPoint _endpoint = null!;
        private int _next = start;

        public List<long> Latencies { get; } = new(1 << 16);
        public long Found { get; private set; }
        public long NotFound { get; private set; }
        public long Failures { get; private set; }
        public List<string> FailureSamples { get; } = [];

        public async Task ConnectAsync(EndPoint endpoint)
        {
            _endpoint = endpoint;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await _socket.ConnectAsync(endpoint);
        }

        public void Reset()
        {
            Latencies.Clear();
            Found = NotFound = Failures = 0;
            FailureSamples.Clear();
        }

        public async Task LoopAsync(long deadline, bool record)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var index = _next++ % requests.Length;
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    await _socket.SendAsync(requests[index], SocketFlags.None);
                    status = await ReadResponseAsync();
                }
                catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
                {
                    Failures++;
                    if (FailureSamples.Count < 5) FailureSamples.Add($"{e.GetType().Name}: {e.Message}");
                    _socket.Dispose();
                    await ConnectAsync(_endpoint);
                    continue;
                }
                var elapsed = Stopwatch.GetTimestamp() - started;
                if (!record) continue;
                Latencies.Add(elapsed);
                if (expectedStatus is { } expected) { if (status == expected) NotFound++; else Failures++; }
                else if (status == 200 && expectFound[index]) Found++;
                else if (status == 404 && !expectFound[index]) NotFound++;
                else
                {
                    Failures++;
                    if (FailureSamples.Count < 5) FailureSamples.Add($"HTTP {status} for {(expectFound[index] ? "a seeded" : "an unknown")} person");
                }
            }
        }

        /// <summary>Reads one response; returns its status code. Parsed in place (the generator's own CPU is the server's to lose).</summary>
        private async Task<int> ReadResponseAsync()
        {
            var filled = 0;
            int headerEnd;
            while ((headerEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0) filled += await ReceiveAsync(filled);
            var status = (_buffer[9] - '0') * 100 + (_buffer[10] - '0') * 10 + (_buffer[11] - '0');
            var bodyStart = headerEnd + 4;
            if (HeaderValue(headerEnd, "\r\ncontent-length:"u8) is { } length)
            {
                if (!Utf8Parser.TryParse(_buffer.AsSpan(length.Start, length.Length), out int contentLength, out _))
                    throw new InvalidDataException("A bad Content-Length.");
                var end = bodyStart + contentLength;
                while (filled < end) filled += await ReceiveAsync(filled);
                if (filled != end) throw new InvalidDataException("More bytes than the response.");
            }
            else if (HeaderValue(headerEnd, "\r\ntransfer-encoding:"u8) is { } encoding
                && _buffer.AsSpan(encoding.Start, encoding.Length).SequenceEqual("chunked"u8))
            {
                var position = bodyStart;
                while (true)
                {
                    int lineEnd;
                    while ((lineEnd = _buffer.AsSpan(position, filled - position).IndexOf("\r\n"u8)) < 0) filled += await ReceiveAsync(filled);
                    if (!Utf8Parser.TryParse(_buffer.AsSpan(position, lineEnd), out int size, out _, 'x'))
                        throw new InvalidDataException("A bad chunk size.");
                    var chunkEnd = position + lineEnd + 2 + size + 2;
                    while (filled < chunkEnd) filled += await ReceiveAsync(filled);
                    position = chunkEnd;
                    if (size == 0) break;
                }
                if (filled != position) throw new InvalidDataException("More bytes than the response.");
            }
            else throw new InvalidDataException("A response without Content-Length or chunked encoding.");
            return status;
        }

        /// <summary>Where the value of a header (name given lower-case, with its CRLF and colon) lies, trimmed; null when absent.</summary>
        private (int Start, int Length)? HeaderValue(int headerEnd, ReadOnlySpan<byte> name)
        {
            var head = _buffer.AsSpan(0, headerEnd);
            for (var i = head.IndexOf("\r\n"u8); i >= 0 && i + name.Length <= head.Length;)
            {
                if (Ascii.EqualsIgnoreCase(head.Slice(i, name.Length), name))
                {
                    var start = i + name.Length;
                    var lineEnd = head[start..].IndexOf("\r\n"u8) is var e and >= 0 ? start + e : head.Length;
                    while (start < lineEnd && head[start] == ' ') start++;
                    return (start, lineEnd - start);
                }
                var next = head[(i + 2)..].IndexOf("\r\n"u8);
                i = next < 0 ? -1 : i + 2 + next;
            }
            return null;
        }

        private async ValueTask<int> ReceiveAsync(int filled)
        {
            if (filled == _buffer.Length) throw new InvalidDataException("A response larger than the buffer.");
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None);
            return read > 0 ? read : throw new IOException("The server closed the connection.");
        }

        public void Dispose() => _socket.Dispose();
    }
}

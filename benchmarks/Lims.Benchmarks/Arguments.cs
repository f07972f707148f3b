using System.Globalization;

namespace Lims.Benchmarks;

/// <summary><c>--name value</c> pairs after the mode word.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                _values[name] = "";
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
            else throw new ArgumentException($"Unexpected argument '{arg}'.");
        }
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A switch given without a value (<c>--floor</c>).</summary>
    public bool Flag(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static string Usage => """
        Lims.Benchmarks — in-process benchmarks, load generator, database write probe.

          (no mode) [BenchmarkDotNet arguments]   e.g. --filter '*Registration*'
          --cpu: CPU time of these processes (with their children) and of the machine over the timed window.
          load   --url http://127.0.0.1:PORT --key KEY [--batches 60] [--tubes 1000] [--people 10]
                 [--concurrency 4] [--max-seconds 120] [--first-person N] [--cpu "api:PID,postgres:PID"]
          phases --connection "Host=127.0.0.1;Port=...;Username=postgres;Database=lims" [--submitter bench]
                 [--batches 20] [--tubes 1000] [--people 10] [--concurrency 1] [--max-seconds 120] [--cpu "postgres:PID"]
          recall-day --connection "Host=127.0.0.1;Port=...;Username=postgres;Database=day" [--pools 2600000]
                 [--positive-rate 0.01] [--people 10]   (an empty database: it is migrated and seeded)
          tat-day --connection "Host=127.0.0.1;Port=...;Username=postgres;Database=day" [--tubes 3000000] [--sites 500]
                 (an empty database: it is migrated, seeded with a day of tubes, and the turnaround dashboard timed)
          lookup-seed --provider postgresql|sqlite --connection CS [--people 1000000] [--results 5]
                 (a migrated database; Lims__Security__LookupKey must be the API's)
          lookup-load --url http://127.0.0.1:PORT [--people 1000000] [--sample 200000] [--concurrency 64]
                 [--seconds 30] [--warmup 5] [--misses 0] [--method post|get] [--floor] [--cpu "api:PID,postgres:PID"]
                 (--floor: GET /api/v1/lookup without an id, a 400 from the validator: the HTTP pipeline alone)
        """;
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static string Ms(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    public static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

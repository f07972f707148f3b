using System.Globalization;

namespace Lims.Benchmarks;

/// <summary>
/// CPU time of named processes (each with its children, alive or reaped) and of the whole machine,
/// read from /proc at the start and end of a timed window. <c>--cpu "api:1234,postgres:5678"</c>.
/// </summary>
public sealed class CpuMeter
{
    private readonly (string Name, int Pid)[] _watched;
    private readonly long[] _start;
    private readonly long[] _machineStart;
    private readonly long _clockTicksPerSecond = 100;

    private CpuMeter((string, int)[] watched)
    {
        _watched = watched;
        _start = [.. watched.Select(w => Ticks(w.Item2))];
        _machineStart = Machine();
    }

    /// <summary>Null when there is nothing to watch or no /proc.</summary>
    public static CpuMeter? Start(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || !File.Exists("/proc/stat")) return null;
        var watched = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':'))
            .Select(p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToArray();
        return new CpuMeter(watched);
    }

    public string Report(double elapsedSeconds)
    {
        var seconds = _watched.Select((w, i) => (Ticks(w.Pid) - _start[i]) / (double)_clockTicksPerSecond).ToArray();
        var parts = _watched.Select((w, i) => $"{w.Name} {seconds[i]:F1} s ({seconds[i] / elapsedSeconds * 100:F0} % of one core)");
        var end = Machine();
        var busy = end[0] - _machineStart[0];
        var idle = end[1] - _machineStart[1];
        var iowait = end[2] - _machineStart[2];
        var total = Math.Max(1, busy + idle + iowait);
        var others = Math.Max(0, busy / (double)_clockTicksPerSecond - seconds.Sum());
        return $"{string.Join(", ", parts)}, other processes {others:F1} s ({others / elapsedSeconds * 100:F0} % of one core); " +
            $"machine ({Environment.ProcessorCount} cores): busy {busy * 100.0 / total:F0} %, idle {idle * 100.0 / total:F0} %, iowait {iowait * 100.0 / total:F0} %";
    }

    /// <summary>The parent of a process (a PostgreSQL backend's is the postmaster), or null without /proc.</summary>
    public static int? ParentOf(int pid) => Fields(pid) is { } fields ? (int)fields[1] : null;

    /// <summary>utime + stime + cutime + cstime of the process, plus utime + stime of its live children.</summary>
    private static long Ticks(int pid)
    {
        var own = Fields(pid);
        if (own is null) return 0;
        var total = own[11] + own[12] + own[13] + own[14];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var child) || child == pid) continue;
            var fields = Fields(child);
            if (fields is not null && fields[1] == pid) total += fields[11] + fields[12];
        }
        return total;
    }

    /// <summary>The numeric fields of /proc/PID/stat after the command name: [0] state (0), [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static long[]? Fields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var fields = new long[15];
        for (var i = 1; i < fields.Length; i++) fields[i] = long.Parse(rest[i], CultureInfo.InvariantCulture);
        return fields;
    }

    /// <summary>busy (user + nice + system + irq + softirq + steal), idle, iowait of all cores.</summary>
    private static long[] Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return [cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7], cpu[3], cpu[4]];
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lims.Application.Features.Pooling;
using Lims.Domain.Common;
using Lims.Domain.Pools.Decoding;

namespace Lims.Cli.Commands;

/// <summary>
/// <c>lims pool decode --design FILE --results FILE [--ct-cutoff 40] [--dilution-cap 20] [--json]</c>: decode pool results against a
/// design, without a database. The design is CSV <c>pool,sample</c> and the results CSV <c>pool,ct</c> (empty or
/// <c>Undetermined</c> = negative), each with a header line. Every problem with the files (unreadable, not CSV as
/// described, a sample in no pool, a result for a pool the design lacks, …) is a <see cref="DomainException"/>, which
/// <c>lims</c> answers with exit code 2 and one line on stderr. A pool of the design without a result is not tested:
/// it clears none of its samples (they stay possible positives) and is listed as untested. The files are decoded by
/// <see cref="DecodePools"/>, every sample one swab: no database is read.
/// </summary>
public static class PoolDecodeCommands
{
    /// <summary><c>decode</c>, to be held by <c>lims pool</c>; <paramref name="sender"/> needs no database.</summary>
    public static Command Decode(TextWriter stdout, CliSender sender)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var design = new Option<FileInfo>("--design") { Description = "CSV with a header line: pool,sample (one membership a row).", Required = true };
        var results = new Option<FileInfo>("--results") { Description = "CSV with a header line: pool,ct (an empty Ct or Undetermined is negative).", Required = true };
        var cutoff = new Option<double>("--ct-cutoff") { Description = "A pool is positive below this Ct.", DefaultValueFactory = _ => PoolResults.DefaultCtCutoff };
        var json = new Option<bool>("--json") { Description = "Print JSON: { \"definitePositives\", \"possiblePositives\", \"negatives\", \"unexplainedPositivePools\", \"retests\", \"untestedPools\", \"flags\" }." };
        var cap = new Option<int?>("--dilution-cap") { Description = "The most swabs a pool of the design may hold (default 20, 2 to 1000), for a design made under another cap." };
        var decode = new Command("decode", "Decode pool results (COMP, DD, SCOMP): definite and possible positives, negatives, unexplained positive pools, retests in order.")
        {
            design, results, cutoff, cap, json,
        };
        decode.SetAction(async (parse, ct) =>
        {
            var memberships = ReadDesign(parse.GetValue(design)!);
            var readings = ReadResults(parse.GetValue(results)!);
            var report = await sender.SendAsync(new DecodePools(memberships, readings, parse.GetValue(cutoff), CountRegisteredTubes: false, DilutionCap: parse.GetValue(cap)), ct);
            var output = parse.GetValue(json) ? JsonSerializer.Serialize(report, JsonSerializerOptions.Web) : ToText(report);
            await stdout.WriteLineAsync(output.AsMemory(), ct);
            return 0;
        });
        return decode;
    }

    /// <summary>The memberships of a <c>pool,sample</c> file.</summary>
    public static List<PoolMembership?> ReadDesign(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = new List<PoolMembership?>();
        foreach (var (line, fields) in Rows(file, "design", "pool", "sample"))
        {
            if (fields[1].Length == 0) throw new DomainException("invalid-csv", $"{file.Name} line {line}: a membership needs a sample.");
            rows.Add(new PoolMembership(fields[0], fields[1]));
        }
        return rows;
    }

    /// <summary>The results of a <c>pool,ct</c> file: an empty Ct or <c>Undetermined</c> is null (negative).</summary>
    public static List<PoolReading?> ReadResults(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = new List<PoolReading?>();
        foreach (var (line, fields) in Rows(file, "results", "pool", "ct"))
        {
            if (fields[0].Length == 0) throw new DomainException("invalid-csv", $"{file.Name} line {line}: a result needs a pool.");
            var text = fields[1];
            double? ct;
            if (text.Length == 0 || text.Equals("Undetermined", StringComparison.OrdinalIgnoreCase)) ct = null;
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) ct = value;
            else throw new DomainException("invalid-csv", $"{file.Name} line {line}: the Ct '{text}' is neither a number nor empty or Undetermined.");
            rows.Add(new PoolReading(fields[0], ct));
        }
        return rows;
    }

    /// <summary>The data rows of a two-column CSV file with the given header, as (line number, trimmed fields); blank lines are skipped.</summary>
    private static IEnumerable<(int Line, string[] Fields)> Rows(FileInfo file, string what, string first, string second)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new DomainException("unreadable-file", $"Cannot read the {what} file {file.FullName}: {e.Message}");
        }
        var header = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Trim('\uFEFF').Length == 0) continue;
            var fields = Fields(lines[i].TrimStart('\uFEFF'));
            if (header < 0)
            {
                header = i;
                if (fields.Length != 2 || !fields[0].Equals(first, StringComparison.OrdinalIgnoreCase) || !fields[1].Equals(second, StringComparison.OrdinalIgnoreCase))
                    throw new DomainException("invalid-csv", $"{file.Name} line {i + 1}: the {what} file starts with the header '{first},{second}', not '{lines[i].Trim()}'.");
                continue;
            }
            if (fields.Length != 2)
                throw new DomainException("invalid-csv", $"{file.Name} line {i + 1}: expected 2 fields ({first},{second}), found {fields.Length}.");
            yield return (i + 1, fields);
        }
        if (header < 0) throw new DomainException("invalid-csv", $"{file.Name} is empty: the {what} file starts with the header '{first},{second}'.");
    }

    /// <summary>Comma-separated fields, trimmed; a field may be double-quoted (with "" for a quote).</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; }
            else if (c == ',') { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().Trim());
        return [.. fields];
    }

    private static string ToText(PoolDecodeReport report)
    {
        var text = new StringBuilder();
        void Line(string label, IReadOnlyList<string> ids) =>
            text.Append(CultureInfo.InvariantCulture, $"{label} ({ids.Count}): {(ids.Count == 0 ? "-" : string.Join(' ', ids))}\n");
        Line("Definite positives", report.DefinitePositives);
        Line("Possible positives", report.PossiblePositives);
        text.Append(CultureInfo.InvariantCulture, $"Negatives: {report.Negatives.Count}\n");
        Line("Unexplained positive pools", report.UnexplainedPositivePools);
        Line("Retests, most likely first", report.Retests);
        if (report.UntestedPools.Count > 0) Line("Untested pools", report.UntestedPools);
        foreach (var flag in report.Flags) text.Append(CultureInfo.InvariantCulture, $"Flag: {flag.Kind} {flag.Id} {flag.Flag}: {flag.Detail}\n");
        return text.ToString().TrimEnd('\n');
    }
}

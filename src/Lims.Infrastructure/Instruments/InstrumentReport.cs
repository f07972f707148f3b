using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lims.Domain.Assays;
using Lims.Domain.Common;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// A parsed run, and optionally its interpretation, as JSON or as a readable table — what
/// <c>lims instrument parse|interpret</c> prints.
/// </summary>
public static class InstrumentReport
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A built-in kit by code (e.g. cdc-2019-ncov), or a kit definition JSON file by path.</summary>
    public static AssayKit ResolveKit(string kit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kit);
        if (BuiltInKits.Find(kit) is { } builtIn) return builtIn;
        if (!File.Exists(kit))
            throw new DomainException("unknown-assay-kit",
                $"'{kit}' is neither a built-in kit ({string.Join(", ", BuiltInKits.All.Select(k => k.Code))}) nor a kit definition file.");
        string json;
        try
        {
            json = File.ReadAllText(kit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DomainException("unknown-assay-kit", $"The kit file {kit} cannot be read: {e.Message}");
        }
        return AssayKitJson.Parse(json);
    }

    /// <summary><c>{ "format", "instrument", "plateSize", "wells": [ { "well", "sample", "targets": [ { "target", "dye", "ct", "curve" } ] } ] }</c></summary>
    public static string ToJson(ParsedRun run, PlateInterpretation? interpretation = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var calls = interpretation?.Wells.ToDictionary(w => w.Well);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", run.Format.ToWire());
            if (run.Instrument is { } instrument)
            {
                json.WriteStartObject("instrument");
                json.WriteString("name", instrument.Name);
                json.WriteString("model", instrument.Model);
                json.WriteString("serial", instrument.SerialNumber);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("instrument");
            }
            json.WriteNumber("plateSize", run.PlateSize);
            if (interpretation is not null) json.WriteString("kit", interpretation.KitCode);

            json.WriteStartArray("wells");
            foreach (var well in run.Wells)
            {
                json.WriteStartObject();
                json.WriteString("well", well.Well.ToString());
                json.WriteString("sample", well.Sample);
                if (calls is not null && calls.TryGetValue(well.Well, out var call))
                {
                    json.WriteString("role", call.Role.ToWire());
                    json.WriteString("call", call.Call.ToWire());
                    json.WriteStartArray("reasons");
                    foreach (var reason in call.Reasons) json.WriteStringValue(reason);
                    json.WriteEndArray();
                }
                json.WriteStartArray("targets");
                foreach (var target in well.Targets)
                {
                    json.WriteStartObject();
                    json.WriteString("target", target.Target);
                    json.WriteString("dye", target.Dye);
                    if (target.Ct is { } ct) json.WriteNumber("ct", ct);
                    else json.WriteNull("ct");
                    if (target.Curve is { } curve)
                    {
                        json.WriteStartArray("curve");
                        foreach (var value in curve) json.WriteNumberValue(value);
                        json.WriteEndArray();
                    }
                    else
                    {
                        json.WriteNull("curve");
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();

            if (interpretation is not null)
            {
                json.WriteStartObject("qc");
                json.WriteString("status", interpretation.Qc.Status);
                json.WriteStartArray("reasons");
                foreach (var reason in interpretation.Qc.Reasons) json.WriteStringValue(reason);
                json.WriteEndArray();
                json.WriteStartArray("notes");
                foreach (var note in interpretation.Qc.Notes) json.WriteStringValue(note);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>One line per well and target; with an interpretation, the call of each well and the plate QC.</summary>
    public static string ToTable(ParsedRun run, PlateInterpretation? interpretation = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var calls = interpretation?.Wells.ToDictionary(w => w.Well);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Format: {run.Format.ToWire()}   Plate: {run.PlateSize} wells   Wells with results: {run.Wells.Count}");
        if (run.Instrument is { } i)
            text.Append("   Instrument: ").AppendJoin(" / ", new[] { i.Model, i.Name, i.SerialNumber is null ? null : "serial " + i.SerialNumber }.Where(s => s is not null));
        text.AppendLine();
        if (interpretation is not null) text.AppendLine(CultureInfo.InvariantCulture, $"Kit: {interpretation.KitCode}");

        var sampleWidth = Math.Clamp(run.Wells.Max(w => w.Sample?.Length ?? 1), 6, 30);
        var targetWidth = Math.Clamp(run.Wells.SelectMany(w => w.Targets).Max(t => t.Target.Length), 6, 30);
        text.Append("Well  ").Append("Sample".PadRight(sampleWidth)).Append("  ").Append("Target".PadRight(targetWidth)).Append("  ").Append("Ct".PadLeft(7));
        if (calls is not null) text.Append("  Call");
        text.AppendLine();
        foreach (var well in run.Wells)
        {
            for (var t = 0; t < well.Targets.Count; t++)
            {
                var target = well.Targets[t];
                text.Append((t == 0 ? well.Well.ToString() : "").PadRight(6));
                text.Append(Cut(t == 0 ? well.Sample ?? "-" : "", sampleWidth).PadRight(sampleWidth)).Append("  ");
                text.Append(Cut(target.Target, targetWidth).PadRight(targetWidth)).Append("  ");
                text.Append((target.Ct is { } ct ? ct.ToString("0.00", CultureInfo.InvariantCulture) : "-").PadLeft(7));
                if (t == 0 && calls is not null && calls.TryGetValue(well.Well, out var call))
                    text.Append("  ").Append(call.Call.ToWire());
                text.AppendLine();
            }
        }
        if (interpretation is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Plate QC: {interpretation.Qc.Status}");
            foreach (var reason in interpretation.Qc.Reasons) text.Append("  - ").AppendLine(reason);
            foreach (var note in interpretation.Qc.Notes) text.Append("  note: ").AppendLine(note);
        }
        return text.ToString();
    }

    private static string Cut(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}

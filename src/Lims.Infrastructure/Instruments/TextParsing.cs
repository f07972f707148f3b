using System.Globalization;
using System.Text;

namespace Lims.Infrastructure.Instruments;

/// <summary>Shared pieces of the text formats: decoding, lines, delimited fields, numbers and Ct values.</summary>
internal static class TextParsing
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Markers instruments write for "no Ct".</summary>
    private static readonly string[] NoCtMarkers =
        ["Undetermined", "NaN", "-", "--", "N/A", "NA", "No Ct", "No Cq", "NoCt", "NoCq", "Und", "None", "—", "Inf", "-Inf", "Infinity"];

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with BOM; bytes that are not UTF-8 are read as Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return lines;
    }

    /// <summary>Splits one line on a delimiter; double quotes enclose fields that hold the delimiter ("" is a quote).</summary>
    public static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        if (line.IndexOf('"') < 0)
        {
            foreach (var f in line.Split(delimiter)) fields.Add(f.Trim());
            return fields;
        }
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { fields.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
        return fields;
    }

    public static int IndexOf(IReadOnlyList<string> header, params string[] names)
    {
        foreach (var name in names)
            for (var i = 0; i < header.Count; i++)
                if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public static string Field(IReadOnlyList<string> fields, int index) =>
        index >= 0 && index < fields.Count ? fields[index] : "";

    public static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// A number as instruments write it: "18.717", "1,234.5" (thousands), "27,42" (decimal comma) or "6.2E-4".
    /// A lone comma followed by exactly three digits is read as a thousands separator.
    /// </summary>
    public static bool TryNumber(string text, out double value) => TryNumber(text.AsSpan(), out value);

    /// <inheritdoc cref="TryNumber(string, out double)"/>
    public static bool TryNumber(ReadOnlySpan<char> text, out double value)
    {
        var s = text.Trim();
        value = 0;
        if (s.IsEmpty || s.Length > 64) return false;
        var comma = s.IndexOf(',');
        if (comma >= 0 && s.IndexOf('.') < 0 && s.LastIndexOf(',') == comma && s.Length - comma - 1 != 3)
        {
            Span<char> copy = stackalloc char[s.Length];
            s.CopyTo(copy);
            copy[comma] = '.';
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        return double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
    }

    public static double Number(string text, string context) =>
        TryNumber(text, out var value) && double.IsFinite(value) ? value : throw new InstrumentFileException($"{context}: '{Clip(text)}' is not a number.");

    public static int WholeNumber(string text, string context)
    {
        if (TryNumber(text, out var value) && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue)
            return (int)value;
        throw new InstrumentFileException($"{context}: '{Clip(text)}' is not a whole number.");
    }

    /// <summary>A Ct field: a number, or one of the instruments' "no Ct" markers (then null). A Ct of 0 or less is none either.</summary>
    public static double? Ct(string text, string context)
    {
        var s = text.Trim();
        if (s.Length == 0) return null;
        foreach (var marker in NoCtMarkers)
            if (string.Equals(s, marker, StringComparison.OrdinalIgnoreCase)) return null;
        // A Ct is never in the thousands: a lone comma is a decimal comma ("27,423").
        if (s.Contains(',', StringComparison.Ordinal) && !s.Contains('.', StringComparison.Ordinal) && s.IndexOf(',') == s.LastIndexOf(','))
            s = s.Replace(',', '.');
        if (!TryNumber(s, out var ct))
            throw new InstrumentFileException($"{context}: the Ct '{Clip(s)}' is neither a number nor a 'no Ct' marker such as Undetermined.");
        return double.IsFinite(ct) && ct > 0 ? ct : null;
    }

    public static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

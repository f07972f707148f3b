using System.Text;

namespace Lims.Domain.Common;

/// <summary>
/// The one way Lims writes CSV: RFC 4180 (fields separated by commas, records ended by CRLF; a field holding a comma, a
/// double quote, CR or LF is enclosed in double quotes, its quotes doubled). A field that a spreadsheet would run as a
/// formula — one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or CR — is written with an apostrophe in
/// front (<c>'=2+5</c>), which spreadsheets show as text; <see cref="Unneutralised"/> reads such a value back.
/// </summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();

    /// <summary>A CSV document that starts with the header record.</summary>
    public Csv(params ReadOnlySpan<string?> header) => Row(header);

    public Csv Row(params ReadOnlySpan<string?> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) _text.Append(',');
            AppendField(_text, fields[i]);
        }
        _text.Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>One field as it is written.</summary>
    public static string Field(string? value)
    {
        var text = new StringBuilder();
        AppendField(text, value);
        return text.ToString();
    }

    /// <summary>A value read from a CSV file Lims wrote (or one a program filled from it), without the apostrophe that kept a formula from running.</summary>
    public static string Unneutralised(string value) =>
        value.Length > 1 && value[0] == '\'' && StartsFormula(value.AsSpan(1)) ? value[1..] : value;

    private static bool StartsFormula(ReadOnlySpan<char> value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static void AppendField(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var neutralise = StartsFormula(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            if (neutralise) text.Append('\'');
            text.Append(value);
            return;
        }
        text.Append('"');
        if (neutralise) text.Append('\'');
        text.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

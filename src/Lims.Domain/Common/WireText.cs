using System.Globalization;

namespace Lims.Domain.Common;

/// <summary>
/// Text from a caller, as it may come back in an answer or be kept: quoted with a cap (an error never echoes a 20 MB input
/// back), and checked for characters that have no place in a name or a site.
/// </summary>
public static class WireText
{
    /// <summary>At most this many characters of a value are quoted in a message.</summary>
    public const int MaxQuoted = 40;

    /// <summary><c>'abc'</c>, or <c>'abcdefgh…' (20,971,520 characters)</c> for a value longer than <paramref name="max"/>.</summary>
    public static string Quote(string? value, int max = MaxQuoted, bool quotes = true)
    {
        value ??= "";
        var q = quotes ? "'" : "";
        return value.Length <= max
            ? q + value + q
            : string.Create(CultureInfo.InvariantCulture, $"{q}{value.AsSpan(0, max)}…{q} ({value.Length:N0} characters)");
    }

    /// <summary>The text cut to <paramref name="max"/> characters (with an ellipsis).</summary>
    public static string Cap(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>
    /// The first character that may not stand in a name or a site — a control character (C0, DEL, C1), a line or paragraph
    /// separator, or a bidirectional mark, embedding, override or isolate (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), which can make a name read otherwise on a screen or a label than it is stored — or null.
    /// </summary>
    public static char? UnsafeCharacter(string text)
    {
        foreach (var c in text)
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
                return c;
        return null;
    }

    /// <summary>"U+202E", for messages.</summary>
    public static string CodePoint(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}

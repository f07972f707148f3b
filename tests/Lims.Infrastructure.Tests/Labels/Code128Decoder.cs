using System.Text;
using Lims.Infrastructure.Labels;

namespace Lims.Infrastructure.Tests.Labels;

/// <summary>A small Code 128 reader for the tests: modules → codewords → text (FNC1–FNC4 as \u00f1–\u00f4).</summary>
internal static class Code128Decoder
{
    private static readonly Dictionary<string, int> ValueByPattern =
        Enumerable.Range(0, 106).ToDictionary(Code128.Pattern, v => v);

    public static string Decode(string modules) => DecodeCodewords(Codewords(modules));

    public static int[] Codewords(string modules)
    {
        if ((modules.Length - 13) % 11 != 0 || !modules.EndsWith(Code128.Pattern(Code128.Stop), StringComparison.Ordinal))
            throw new FormatException("Not a Code 128 module string.");
        var count = (modules.Length - 13) / 11;
        var codewords = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            var chunk = modules.Substring(i * 11, 11);
            codewords[i] = ValueByPattern.TryGetValue(chunk, out var value) ? value : throw new FormatException($"Unknown pattern {chunk}.");
        }
        codewords[^1] = Code128.Stop;
        return codewords;
    }

    public static string DecodeCodewords(IReadOnlyList<int> codewords)
    {
        if (codewords.Count < 3 || codewords[^1] != Code128.Stop) throw new FormatException("No stop symbol.");
        if (codewords[0] is < Code128.StartA or > Code128.StartC) throw new FormatException("No start symbol.");
        var data = codewords.Take(codewords.Count - 2).ToList();
        if (Code128.Checksum(data) != codewords[^2]) throw new FormatException("Check symbol does not match.");

        var text = new StringBuilder();
        var set = codewords[0] - Code128.StartA; // 0 A, 1 B, 2 C
        var shifted = false;
        foreach (var cw in data.Skip(1))
        {
            var current = shifted ? 1 - set : set;
            var wasShifted = shifted;
            shifted = false;
            if (current == 2)
            {
                if (cw < 100) text.Append(cw.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
                else if (cw == 100) set = 1;
                else if (cw == 101) set = 0;
                else if (cw == 102) text.Append(Code128.Fnc1);
                else throw new FormatException($"Codeword {cw} in code set C.");
                continue;
            }
            switch (cw)
            {
                case < 96: text.Append(current == 0 ? (char)(cw < 64 ? cw + 32 : cw - 64) : (char)(cw + 32)); break;
                case 96: text.Append(Code128.Fnc3); break;
                case 97: text.Append(Code128.Fnc2); break;
                case 98 when !wasShifted: shifted = true; break;
                case 99 when !wasShifted: set = 2; break;
                case 100: if (current == 1) text.Append(Code128.Fnc4); else if (!wasShifted) set = 1; else throw new FormatException("Latch after SHIFT."); break;
                case 101: if (current == 0) text.Append(Code128.Fnc4); else if (!wasShifted) set = 0; else throw new FormatException("Latch after SHIFT."); break;
                case 102: text.Append(Code128.Fnc1); break;
                default: throw new FormatException($"Codeword {cw} not allowed here.");
            }
        }
        if (shifted) throw new FormatException("SHIFT at the end.");
        return text.ToString();
    }
}

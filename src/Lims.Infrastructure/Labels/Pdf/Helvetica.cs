using System.Text;

namespace Lims.Infrastructure.Labels.Pdf;

/// <summary>
/// Helvetica and Helvetica-Bold, two of the standard 14 fonts every PDF reader has, so nothing is embedded.
/// Text is encoded in WinAnsiEncoding (Windows-1252); a character it lacks is written as '?'. Widths, in
/// 1/1000 em, come from Adobe's AFM files for the printable ASCII characters 32–126; the few other WinAnsi
/// characters are measured as their unaccented letter (ü as u) or, failing that, as a digit (556).
/// </summary>
internal static class Helvetica
{
    public const string Regular = "Helvetica";
    public const string Bold = "Helvetica-Bold";

    private const int First = 32;

    private const char Missing = '?';

    // Helvetica.afm, WinAnsi code 32 (space) to 126 (asciitilde); 39 is quotesingle, 96 grave.
    private static readonly short[] RegularWidths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    // Helvetica-Bold.afm, the same codes.
    private static readonly short[] BoldWidths =
    [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ];

    // Windows-1252 0x80–0x9F; the codes 0xA0–0xFF are Latin-1 itself. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unused.
    private static readonly Dictionary<char, byte> High = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['ƒ'] = 0x83, ['„'] = 0x84, ['…'] = 0x85, ['†'] = 0x86, ['‡'] = 0x87,
        ['ˆ'] = 0x88, ['‰'] = 0x89, ['Š'] = 0x8A, ['‹'] = 0x8B, ['Œ'] = 0x8C, ['Ž'] = 0x8E,
        ['‘'] = 0x91, ['’'] = 0x92, ['“'] = 0x93, ['”'] = 0x94, ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97,
        ['˜'] = 0x98, ['™'] = 0x99, ['š'] = 0x9A, ['›'] = 0x9B, ['œ'] = 0x9C, ['ž'] = 0x9E, ['Ÿ'] = 0x9F,
    };

    // AFM widths of the non-ASCII characters a label is likely to hold that have no unaccented ASCII letter.
    private static readonly Dictionary<char, (short Regular, short Bold)> Extra = new()
    {
        ['·'] = (278, 278), ['…'] = (1000, 1000), ['–'] = (556, 556), ['—'] = (1000, 1000), ['€'] = (556, 556),
        ['°'] = (400, 400), ['µ'] = (556, 611), ['ß'] = (611, 611), ['‘'] = (222, 278), ['’'] = (222, 278),
        ['“'] = (333, 500), ['”'] = (333, 500), ['•'] = (350, 350), ['×'] = (584, 584), ['±'] = (584, 584),
    };

    /// <summary>The WinAnsi bytes of <paramref name="text"/>, one per character; characters WinAnsi lacks become '?'.</summary>
    public static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length);
        foreach (var rune in text.EnumerateRunes()) bytes.Add(Code(rune));
        return [.. bytes];
    }

    /// <summary>The width of <paramref name="text"/> at 1 pt, in points.</summary>
    public static double Width(string text, bool bold)
    {
        var widths = bold ? BoldWidths : RegularWidths;
        var sum = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var code = Code(rune);
            if (code < 0x7F) sum += widths[code - First];
            else if (Extra.TryGetValue((char)rune.Value, out var extra)) sum += bold ? extra.Bold : extra.Regular;
            else sum += Width((char)rune.Value, widths);
        }
        return sum / 1000.0;
    }

    private static byte Code(Rune rune) => rune.Value switch
    {
        >= First and < 0x7F => (byte)rune.Value,
        >= 0xA0 and <= 0xFF => (byte)rune.Value,
        _ when rune.IsBmp && High.TryGetValue((char)rune.Value, out var code) => code,
        _ => (byte)Missing,
    };

    // An accented letter is as wide as its base letter (the accented i's are dotless, 278 in both weights); other
    // characters are measured as a digit.
    private static int Width(char c, short[] widths)
    {
        var letter = c switch
        {
            >= '\u00C0' and <= '\u00FF' => BaseLetters[c - 0xC0],
            'Š' => 'S', 'š' => 's', 'Ž' => 'Z', 'ž' => 'z', 'Ÿ' => 'Y',
            _ => '0',
        };
        return letter == 'i' ? 278 : widths[letter - First];
    }

    // The base letters of U+00C0–U+00FF ('0' where there is none: Æ × Þ æ ÷ þ and friends).
    private const string BaseLetters = "AAAAAA0CEEEEIIIIDNOOOOO0OUUUUY0saaaaaa0ceeeeiiii0nooooo0ouuuuy0y";
}

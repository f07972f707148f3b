using Lims.Domain.Labels;
using Lims.Infrastructure.Labels;

namespace Lims.Infrastructure.Tests.Labels;

public class Code128Tests
{
    // Symbol characters as printed in zxing's Code128WriterTestCase.
    private const string Fnc1 = "11110101110";
    private const string Fnc2 = "11110101000";
    private const string Fnc3 = "10111100010";
    private const string Fnc4A = "11101011110";
    private const string Fnc4B = "10111101110";
    private const string StartA = "11010000100";
    private const string StartB = "11010010000";
    private const string SwitchA = "11101011110";
    private const string SwitchB = "10111101110";
    private const string Lf = "10000110010";
    private const string Stop = "1100011101011";

    [Fact]
    public void Every_symbol_character_is_eleven_modules_of_three_bars_and_three_spaces_and_all_differ()
    {
        var patterns = Enumerable.Range(0, 106).Select(Code128.Pattern).ToList();
        Assert.All(patterns, p =>
        {
            Assert.Equal(11, p.Length);
            Assert.StartsWith("1", p, StringComparison.Ordinal);
            Assert.EndsWith("0", p, StringComparison.Ordinal);
            Assert.Equal(3, Runs(p).Count(r => r[0] == '1'));
            Assert.Equal(0, p.Count(c => c == '1') % 2); // bars cover an even number of modules
        });
        Assert.Equal(106, patterns.Distinct().Count());
        Assert.Equal(Stop, Code128.Pattern(Code128.Stop));
    }

    /// <summary>zxing core/src/test/java/com/google/zxing/oned/Code128WriterTestCase.java (quiet zones removed).</summary>
    public static TheoryData<string, string> Zxing => new()
    {
        // testEncodeWithFunc3 (zxing's comment says check digit 51, but its pattern 11101000110 is value 55, as computed here)
        { "\u00f3123", StartB + Fnc3 + "10011100110" + "11001110010" + "11001011100" + "11101000110" + Stop },
        // testEncodeWithFunc2, check digit 56
        { "\u00f2123", StartB + Fnc2 + "10011100110" + "11001110010" + "11001011100" + "11100010110" + Stop },
        // testEncodeWithFunc4, check digit 59
        { "\u00f4123", StartB + Fnc4B + "10011100110" + "11001110010" + "11001011100" + "11100011010" + Stop },
        // testEncodeWithFncsAndNumberInCodesetA
        { "\n\u00f1\u00f41\n", StartA + Lf + Fnc1 + Fnc4A + "10011100110" + Lf + "10101111000" + Stop },
        // testEncodeSwitchBetweenCodesetsAAndB, first case
        {
            "\0ABab\u0010",
            StartA + "10100001100" + "10100011000" + "10001011000" + SwitchB + "10010110000" + "10010000110" + SwitchA + "10100111100" + "11001110100" + Stop
        },
    };

    [Theory]
    [MemberData(nameof(Zxing))]
    public void Encodes_zxing_test_vectors_to_the_same_modules(string text, string modules)
    {
        var symbol = Code128.Encode(text);
        Assert.Equal(modules, symbol.Modules);
        Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
    }

    [Fact]
    public void Uses_shift_where_zxing_compact_encoder_does()
    {
        // zxing testEncodeSwitchBetweenCodesetsAAndB: "the compact encoder encodes this shorter as STARTB,a,b,SHIFT,NUL,a,b"
        var symbol = Code128.Encode("ab\0ab");
        Assert.Equal([104, 65, 66, 98, 64, 65, 66, 27, 106], symbol.Codewords);

        // zxing testShift: the compact encoding of 24 × "a\n" is 253 modules (23 symbols) narrower than the fast
        // one, which latches twice per pair: 1 start + 24 × (a, SHIFT, LF) + check + stop.
        var shifted = Code128.Encode(string.Concat(Enumerable.Repeat("a\n", 24)));
        Assert.Equal(75, shifted.Codewords.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat("a\n", 24)), Code128Decoder.Decode(shifted.Modules));
    }

    /// <summary>Zint backend/tests/test_code128.c, test_input: "(n) codewords" including check and stop.</summary>
    public static TheoryData<string, int[]> Zint => new()
    {
        { "AIM1234", [104, 33, 41, 45, 99, 12, 34, 87, 106] }, // ISO/IEC 15417 Annex A.1, check character 87
        { "1", [104, 17, 18, 106] },
        { "12", [105, 12, 14, 106] },
        { "123", [104, 17, 18, 19, 8, 106] },
        { "1234", [105, 12, 34, 82, 106] },
        { "12345", [105, 12, 34, 100, 21, 54, 106] },
        { "\u001f", [103, 95, 95, 106] },
        { "1\u001f", [103, 17, 95, 1, 106] },
        { "12\u001f", [103, 17, 18, 95, 29, 106] },
        { "a\u001fa", [104, 65, 98, 95, 65, 86, 106] },
        { "\u001fAAa\u001f", [103, 95, 33, 33, 98, 65, 95, 2, 106] },
        { "a\u001fAa\u001f\u001fa\u001faa\u001fa", [104, 65, 98, 95, 33, 65, 101, 95, 95, 98, 65, 95, 100, 65, 65, 98, 95, 65, 96, 106] },
        // test_ean128_input, GS1 element strings with FNC1
        { "\u00f19012\u00f19012", [105, 102, 90, 12, 102, 90, 12, 14, 106] },
        { "\u00f19012A\u00f190123", [105, 102, 90, 12, 100, 33, 102, 25, 99, 1, 23, 25, 106] },
    };

    [Theory]
    [MemberData(nameof(Zint))]
    public void Encodes_zint_test_vectors_to_the_same_codewords(string text, int[] codewords)
    {
        var symbol = Code128.Encode(text);
        Assert.Equal(codewords, symbol.Codewords);
        Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
    }

    /// <summary>
    /// GS1 General Specifications figures and ISO/IEC 15417 Figure 1, as module strings in zint's test_encode
    /// (GS1-128: FNC1 first, then the element string; FNC1 after a variable-length AI that is not last).
    /// </summary>
    public static TheoryData<string, string, string> Figures => new()
    {
        { "ISO/IEC 15417 Figure 1", "AIM", "11010010000101000110001100010001010111011000101110110001100011101011" },
        { "zint 1234567890", "1234567890", "110100111001011001110010001011000111000101101100001010011011110110100111100101100011101011" },
        { "GGS Figure 2.5.2-1", "\u00f18018950110153123456781", "11010011100111101011101010011110011001110010101111010001100110110011001000100101110011001101100011011101101110101110110001000010110010010111100101111001001100011101011" },
        { "GGS Figure 2.6.6-1 top", "\u00f141554123456789083911710125", "110100111001111010111011000100010111010001101100010001011101101110101110110001000010110011011011110100011001001101000100011000100100100110100001100110110011100101100100001001101100011101011" },
        { "GGS Figure 2.6.6-1 bottom", "\u00f1120104258020ABC123", "110100111001111010111010110011100110011011001001000110011100101100101001111001100100111010111101110101000110001000101100010001000110100111001101100111001011001011100110010111001100011101011" },
        { "GGS Figure 2.6.9-1", "\u00f1253950110153005812345678901", "1101001110011110101110111001011001101000100011000101110110001001001100110110011011101110110110011001110110001010110011100100010110001110001011011000010100110111101101011110111010011100110101110110001100011101011" },
        { "GGS Figure 2.6.9-2", "\u00f1253950110153006567890543210987", "1101001110011110101110111001011001101000100011000101110110001001001100110110011011101110110110011001001011000010000101100110110111101000100110010110001110110111001001100100100011110010100101110011001100011101011" },
        { "GGS Figure 2.6.9-3", "\u00f125395011015300657654321", "110100111001111010111011100101100110100010001100010111011000100100110011011001101110111011011001100100101100001100101000011101011000110001101101011110111010011100110111001001101100011101011" },
        { "GGS Figure 2.6.9-4", "\u00f12539501101530065123456", "11010011100111101011101110010110011010001000110001011101100010010011001101100110111011101101100110010010110000101100111001000101100011100010110100011110101100011101011" },
        { "GGS Figure 4.15.1-1", "\u00f10110857674002017101152KMB", "1101001110011110101110110011011001100100010010011110010110010100001000011001011011001100110010011101001110011011001000100110001001001101110001010111101110101100011101011101100010001011000100111001101100011101011" },
        { "GGS Figure 5.1-3", "\u00f10109501101530003", "11010011100111101011101100110110011001001000110001011101100010010011001101100110111011101101100110010010011000100110100001100011101011" },
        { "GGS Figure 5.4.2-1", "\u00f100395123451234567895", "110100111001111010111011011001100110100010001101110100011101101110101110110001011001110010001011000111000101101100001010010111101000101111000101100011101011" },
        { "GGS Figure 6.6.5-1", "\u00f100006141411234567890", "110100111001111010111011011001100110110011001100100001011000100010110001000101011001110010001011000111000101101100001010011011110110110110110001100011101011" },
        { "GGS Figure 6.6.5-2 bottom", "\u00f100395011015300000011", "110100111001111010111011011001100110100010001100010111011000100100110011011001101110111011011001100110110011001101100110011000100100100011101101100011101011" },
        { "GGS Figure 6.6.5-3 top", "\u00f142045458", "110100111001111010111010110111000100100011001110101100011101100010111100100101100011101011" },
        { "GGS Figure 6.6.5-4 top", "\u00f102006141410004181521022810451214\u00f13720", "110100111001111010111011001100110110110011001100100001011000100010110001000101101100110010010001100110011100101011100110011011100100110011001101110011010011001000100101110110001011001110010011001110111101011101000110100011001001110100011110101100011101011" },
        { "GGS Figure 6.6.5-5 top", "\u00f142087109", "110100111001111010111010110111000100011001001001101000011001001000111001001101100011101011" },
        { "GGS Figure 6.6.5-5 middle", "\u00f1901528", "1101001110011110101110110111101101011100110011100110100111001100101100011101011" },
        { "GGS Figure 6.6.5-5 bottom", "\u00f100000521775138957172", "110100111001111010111011011001100110110011001000100110011011100100111101110101101110100010001100010101111010001001101000010011000010110011011001100011101011" },
        { "GGS Figure 6.6.5-6", "\u00f100395011010013000129", "110100111001111010111011011001100110100010001100010111011000100100110011011001101100110010011011100110110011001100110110011100110010111101101101100011101011" },
        { "GGS Figure 6.6.5-7 top", "\u00f1401931234518430GR", "11010011100111101011101100010100011001011100110110001101110110111010111011000110011100101011000111010111101110100111011001101000100011000101110100110111001100011101011" },
        { "GGS Figure 6.6.5-7 bottom", "\u00f100093123450000000012", "110100111001111010111011011001100110010010001101100011011101101110101110110001101100110011011001100110110011001101100110010110011100110111010001100011101011" },
        { "GGS Figure 7.8.5.1-1 1st", "\u00f10195012345678903", "11010011100111101011101100110110010111101000110011011001110110111010111011000100001011001101101111010010011000110110001101100011101011" },
        { "GGS Figure 7.8.5.1-1 2nd", "\u00f13102000400", "11010011100111101011101101100011011001100110110110011001001000110011011001100110110111101100011101011" },
        { "GGS Figure 7.8.5.1-2", "\u00f101950123456789033102000400", "110100111001111010111011001101100101111010001100110110011101101110101110110001000010110011011011110100100110001101100011011001100110110110011001001000110011011001100100100110001100011101011" },
        { "GGS Figure 7.8.5.2-1 1st", "\u00f18005000365", "11010011100111101011101010011110010001001100110110011001001001100010010110000100100001101100011101011" },
        { "GGS Figure 7.8.5.2-1 2nd", "\u00f110123456", "110100111001111010111011001000100101100111001000101100011100010110110010000101100011101011" },
        { "GGS Figure 7.8.5.2-2", "\u00f18005000365\u00f110123456", "110100111001111010111010100111100100010011001101100110010010011000100101100001111010111011001000100101100111001000101100011100010110101100001001100011101011" },
        { "DHL Leitcode (zint)", "\u00f140327653113+99000900090010", "110100111001111010111011000101000110001101101100101000011011101110110001001001011110111011001011100110001001001011101111010111011110110110011001100100100011011001100110010010001101100110011001000100110001000101100011101011" },
        { "DHL Identcode (zint)", "\u00f100340433935039756615", "110100111001111010111011011001100100010110001001000110010100011000101000111101100010111011010001000110000100101001000011010111001100100111001101100011101011" },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Encodes_published_figures_to_the_same_modules(string source, string text, string modules)
    {
        var symbol = Code128.Encode(text);
        Assert.True(modules == symbol.Modules, $"{source}: expected {string.Join(' ', Code128Decoder.Codewords(modules))}, got {string.Join(' ', symbol.Codewords)}");
        Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
    }

    /// <summary>
    /// Vectors where another encoder printed a different encoding of the same length: several shortest encodings
    /// exist and the tie is broken differently. Ours must be as short and read back the same.
    /// </summary>
    public static TheoryData<string, string, int[]> EquallyShort => new()
    {
        // zxing testEncodeWithFunc1 (fast encoder): START C, FNC1, 12, CODE B, 3; ours START B, FNC1, 1, 2, 3
        { "zxing testEncodeWithFunc1", "\u00f1123", [105, 102, 12, 100, 19, 92, 106] },
        // zxing testRoundtrip, compact encoder: "STARTA,FNC1,1,CODEC,09,58,FNC1,17,16,05,26" (check and stop added)
        { "zxing testRoundtrip", "\u00f110958\u00f117160526", [103, 102, 17, 99, 9, 58, 102, 17, 16, 5, 26, 69, 106] },
        { "zint test_input 13", "1234\u001fa", [105, 12, 34, 101, 95, 98, 65, 100, 106] },
        { "zint test_input 15", "\u001fAAaa\u001f", [103, 95, 33, 33, 100, 65, 65, 98, 95, 40, 106] },
        { "zint test_input 16", "AAAa12345aAA", [104, 33, 33, 33, 65, 17, 99, 23, 45, 100, 65, 33, 33, 54, 106] },
        { "zint test_ean128_input 0", "\u00f1901\u00f1901", [105, 102, 90, 100, 17, 102, 25, 99, 1, 56, 106] },
        { "zint test_ean128_input 19", "\u00f1901A\u00f1901", [104, 102, 25, 16, 17, 33, 102, 25, 99, 1, 65, 106] },
    };

    [Theory]
    [MemberData(nameof(EquallyShort))]
    public void Is_as_short_as_other_encoders_where_shortest_encodings_tie(string source, string text, int[] theirs)
    {
        Assert.Equal(text, Code128Decoder.DecodeCodewords(theirs)); // the vector itself is sound
        var symbol = Code128.Encode(text);
        Assert.True(theirs.Length == symbol.Codewords.Count, $"{source}: theirs {theirs.Length} codewords, ours {string.Join(' ', symbol.Codewords)}");
        Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
    }

    /// <summary>Zint test_ean128_input vectors that zint encodes one symbol longer than the shortest encoding.</summary>
    public static TheoryData<string, int[]> ShorterThanZint => new()
    {
        { "\u00f1901\u00f19012", [105, 102, 90, 100, 17, 99, 102, 90, 12, 13, 106] },
        { "\u00f19012\u00f1901", [105, 102, 90, 12, 102, 100, 25, 99, 1, 19, 106] },
        { "\u00f190123\u00f1901234", [105, 102, 90, 12, 100, 19, 99, 102, 90, 12, 34, 98, 106] },
    };

    [Theory]
    [MemberData(nameof(ShorterThanZint))]
    public void Beats_zint_where_it_misses_the_shortest_encoding(string text, int[] zint)
    {
        Assert.Equal(text, Code128Decoder.DecodeCodewords(zint));
        var symbol = Code128.Encode(text);
        Assert.Equal(zint.Length - 1, symbol.Codewords.Count);
        Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
    }

    [Fact]
    public void Forced_code_sets_give_zxing_patterns()
    {
        // zxing testEncodeWithForcedCodeSetFailureCodeSetA / ...CodeSetB
        Assert.Equal(StartA + "10100011000" + "10001011000" + "10011100110" + "11001110010" + "11001011100" + "11001000100" + Stop,
            Code128.Encode("AB123", Code128CodeSet.A).Modules);
        Assert.Equal(StartB + "10011100110" + "11001110010" + "11001011100" + "11001001110" + "11110010010" + Stop,
            Code128.Encode("1234", Code128CodeSet.B).Modules);
    }

    /// <summary>PDFium fxbarcode/oned/BC_OnedCode128Writer_unittest.cpp, Encode128B: codewords and the weighted sum.</summary>
    [Theory]
    [InlineData("a", 169, new[] { 104, 65 })]
    [InlineData("1", 121, new[] { 104, 17 })]
    [InlineData("a1", 203, new[] { 104, 65, 17 })]
    [InlineData("ab", 301, new[] { 104, 65, 66 })]
    [InlineData("12", 157, new[] { 104, 17, 18 })]
    [InlineData("abc", 502, new[] { 104, 65, 66, 67 })]
    [InlineData("123", 214, new[] { 104, 17, 18, 19 })]
    [InlineData("abc123", 774, new[] { 104, 65, 66, 67, 17, 18, 19 })]
    [InlineData("ABC123", 582, new[] { 104, 33, 34, 35, 17, 18, 19 })]
    [InlineData("321ABC", 722, new[] { 104, 19, 18, 17, 33, 34, 35 })]
    [InlineData("XYZ", 448, new[] { 104, 56, 57, 58 })]
    public void Forced_code_set_B_gives_pdfium_codewords_and_check(string text, int weightedSum, int[] codewords)
    {
        var symbol = Code128.Encode(text, Code128CodeSet.B);
        Assert.Equal([.. codewords, weightedSum % 103, Code128.Stop], symbol.Codewords);
    }

    [Theory]
    [InlineData("ASDFx0123", Code128CodeSet.A)] // zxing: lower case is not in code set A
    [InlineData("ASdf\u000123", Code128CodeSet.B)] // zxing: control characters are not in code set B
    [InlineData("123a5678", Code128CodeSet.C)] // zxing: letters are not in code set C
    [InlineData("123\u00f2a678", Code128CodeSet.C)] // zxing: only FNC1 is in code set C
    [InlineData("123456789", Code128CodeSet.C)] // zxing: odd number of digits
    public void Refuses_text_outside_a_forced_code_set(string text, Code128CodeSet set)
    {
        var e = Assert.Throws<LabelException>(() => Code128.Encode(text, set));
        Assert.Contains($"code set {set}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("T26é")]
    [InlineData("tube\u00ff")]
    public void Refuses_text_Code_128_cannot_carry(string text)
    {
        var e = Assert.Throws<LabelException>(() => Code128.Encode(text));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Random_barcodes_read_back_and_are_never_longer_than_all_code_set_B()
    {
        var random = new Random(20260312);
        for (var n = 0; n < 4000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 33)).Select(_ => RandomPrintable(random)).ToArray());
            var symbol = Code128.Encode(text);
            Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
            Assert.Equal(symbol.Codewords, Code128Decoder.Codewords(symbol.Modules));
            Assert.True(symbol.Codewords.Count <= text.Length + 3, $"\"{text}\" took {symbol.Codewords.Count} codewords");
            Assert.Equal(11 * (symbol.Codewords.Count - 1) + 13, symbol.Width);
        }
    }

    [Fact]
    public void Random_ascii_with_control_characters_and_fncs_reads_back()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 25))
                .Select(_ => random.Next(10) == 0 ? (char)(Code128.Fnc1 + random.Next(4)) : (char)random.Next(128)).ToArray());
            var symbol = Code128.Encode(text);
            Assert.Equal(text, Code128Decoder.Decode(symbol.Modules));
            Assert.True(symbol.Codewords.Count <= 2 * text.Length + 3); // never worse than SHIFT before every character
        }
    }

    [Fact]
    public void Bars_cover_exactly_the_bar_modules()
    {
        var symbol = Code128.Encode("T26000001234");
        var modules = new char[symbol.Width];
        Array.Fill(modules, '0');
        foreach (var (start, width) in symbol.Bars()) Array.Fill(modules, '1', start, width);
        Assert.Equal(symbol.Modules, new string(modules));
        Assert.Equal(symbol.Width + 20, symbol.WidthWithQuietZones);
    }

    // Digits come in runs often enough for code set C to matter.
    private static char RandomPrintable(Random random) =>
        random.Next(3) == 0 ? (char)('0' + random.Next(10)) : (char)random.Next('!', '~' + 1);

    private static IEnumerable<string> Runs(string modules)
    {
        var i = 0;
        while (i < modules.Length)
        {
            var j = i;
            while (j < modules.Length && modules[j] == modules[i]) j++;
            yield return modules[i..j];
            i = j;
        }
    }

    [Fact]
    public void Range_barcodes_pack_into_code_set_C()
    {
        // T, CODE C, 6 digit pairs: 12 characters in 8 data symbols.
        var symbol = Code128.Encode(BarcodeRange.Format("T26", 1));
        Assert.Equal(11, symbol.Codewords.Count);
        Assert.Equal(Code128.CodeC, symbol.Codewords[2]);
    }
}

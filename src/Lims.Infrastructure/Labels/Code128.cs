namespace Lims.Infrastructure.Labels;

/// <summary>The three Code 128 code sets: A (upper case and control characters), B (printable ASCII), C (digit pairs).</summary>
public enum Code128CodeSet
{
    A,
    B,
    C,
}

/// <summary>
/// Code 128 encoder (ISO/IEC 15417). Input is ASCII 0–127; <c>\u00f1</c>…<c>\u00f4</c> stand for FNC1…FNC4 as in zxing.
/// The encoder chooses start code, latches (CODE A/B/C) and SHIFT by dynamic programming over the code sets,
/// so the symbol has the fewest possible codewords.
/// </summary>
public static class Code128
{
    public const char Fnc1 = '\u00f1';
    public const char Fnc2 = '\u00f2';
    public const char Fnc3 = '\u00f3';
    public const char Fnc4 = '\u00f4';

    /// <summary>Quiet zone on each side, in modules (ISO/IEC 15417 asks for at least 10).</summary>
    public const int QuietZoneModules = 10;

    public const int StartA = 103;
    public const int StartB = 104;
    public const int StartC = 105;
    public const int Stop = 106;
    public const int Shift = 98;
    public const int CodeC = 99;
    public const int CodeB = 100; // FNC4 in code set B
    public const int CodeA = 101; // FNC4 in code set A

    // Bar/space widths of the symbol characters 0–106 (106, the stop pattern, has a final 2-module bar).
    private static readonly string[] Widths =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    private static readonly string[] Patterns = Array.ConvertAll(Widths, ToModules);

    /// <summary>The modules of symbol character <paramref name="value"/> (0–106), "1" a bar and "0" a space.</summary>
    public static string Pattern(int value) =>
        value is >= 0 and <= Stop ? Patterns[value] : throw new ArgumentOutOfRangeException(nameof(value), value, "A Code 128 symbol character is 0 to 106.");

    /// <summary>Encodes <paramref name="text"/> with the fewest codewords, or only in <paramref name="only"/> if given.</summary>
    /// <exception cref="LabelException">The text is empty or holds a character Code 128 cannot carry.</exception>
    public static Code128Symbol Encode(string text, Code128CodeSet? only = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        var plan = new Plan(tokens, only);
        var data = plan.Codewords();
        var codewords = new int[data.Count + 2];
        data.CopyTo(codewords);
        codewords[^2] = Checksum(data);
        codewords[^1] = Stop;
        return new Code128Symbol(codewords, string.Concat(codewords.Select(c => Patterns[c])));
    }

    /// <summary>The mod-103 check symbol of a start symbol followed by data symbols.</summary>
    public static int Checksum(IReadOnlyList<int> startAndData)
    {
        var sum = startAndData[0];
        for (var i = 1; i < startAndData.Count; i++) sum += i * startAndData[i];
        return sum % 103;
    }

    private static string ToModules(string widths)
    {
        var modules = new System.Text.StringBuilder(13);
        for (var i = 0; i < widths.Length; i++) modules.Append(i % 2 == 0 ? '1' : '0', widths[i] - '0');
        return modules.ToString();
    }

    // ASCII 0–127 as themselves; FNC1–FNC4 as -1…-4.
    private static int[] Tokenize(string text)
    {
        if (text.Length == 0) throw new LabelException("Nothing to encode: the text is empty.");
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            tokens[i] = c switch
            {
                < (char)128 => c,
                >= Fnc1 and <= Fnc4 => -(c - Fnc1 + 1),
                _ => throw new LabelException(
                    $"Code 128 cannot encode position {i + 1} of \"{text}\" (U+{(int)c:X4}); it carries ASCII and FNC1–FNC4 (\\u00f1–\\u00f4) only."),
            };
        }
        return tokens;
    }

    /// <summary>
    /// Shortest encoding by dynamic programming from the end: <c>cost[i, s]</c> is the fewest codewords for
    /// tokens i… when code set s is active. Among equally short encodings: fewer shifts, then fewer latches, then a
    /// set that takes the next character without SHIFT, then a fixed order (start C, B, A; latch B, C, A). The
    /// published zxing, zint and GS1 vectors agree except on a few ties, which the tests list.
    /// </summary>
    private sealed class Plan
    {
        private const int Impossible = int.MaxValue / 4;
        private const int SetCount = 3;

        // Cost = codewords * Weight + shifts * ShiftWeight + latches; codewords dominate, then shifts, then latches.
        private const int Weight = 1 << 20;
        private const int ShiftWeight = 1 << 10;

        private readonly int[] _tokens;
        private readonly int[,] _cost;      // best cost at (i, s), latching first allowed
        private readonly int[,] _direct;    // best cost at (i, s) without latching first
        private readonly Step[,] _directStep;
        private readonly int[,] _latchTo;   // -1 or the set to latch to at (i, s)
        private readonly int _start;

        private enum Step : byte { None, Encode, Shift }

        public Plan(int[] tokens, Code128CodeSet? only)
        {
            _tokens = tokens;
            var n = tokens.Length;
            _cost = new int[n + 1, SetCount];
            _direct = new int[n + 1, SetCount];
            _directStep = new Step[n + 1, SetCount];
            _latchTo = new int[n + 1, SetCount];
            var allowed = new bool[SetCount];
            for (var s = 0; s < SetCount; s++) allowed[s] = only is null || (int)only == s;

            for (var s = 0; s < SetCount; s++) { _latchTo[n, s] = -1; }
            for (var i = n - 1; i >= 0; i--)
            {
                for (var s = 0; s < SetCount; s++)
                {
                    _direct[i, s] = Impossible;
                    if (!allowed[s]) continue;
                    if (CanEncode(s, i, out var next) && _cost[next, s] < Impossible)
                        Consider(i, s, Weight + _cost[next, s], Step.Encode);
                    if (only is null && s != (int)Code128CodeSet.C && tokens[i] >= 0 && !CanEncode(s, i, out _)
                        && CanEncode(1 - s, i, out _) && _cost[i + 1, s] < Impossible)
                        Consider(i, s, 2 * Weight + ShiftWeight + _cost[i + 1, s], Step.Shift);
                }
                for (var s = 0; s < SetCount; s++)
                {
                    _cost[i, s] = _direct[i, s];
                    _latchTo[i, s] = -1;
                    if (only is not null) continue;
                    var target = Best(i, LatchPreference, except: s);
                    if (target >= 0 && Weight + 1 + _direct[i, target] < _cost[i, s])
                    {
                        _cost[i, s] = Weight + 1 + _direct[i, target];
                        _latchTo[i, s] = target;
                    }
                }
            }

            _start = Best(0, StartPreference, except: -1);
            if (_start < 0) throw Unencodable(only);
        }

        // Among equally short encodings: a set that takes the next character without SHIFT, then this order.
        private static readonly int[] StartPreference = [2, 1, 0];
        private static readonly int[] LatchPreference = [1, 2, 0];

        private int Best(int i, int[] preference, int except)
        {
            var best = -1;
            foreach (var t in preference)
            {
                if (t == except || _direct[i, t] >= Impossible) continue;
                if (best < 0 || _direct[i, t] < _direct[i, best]
                    || (_direct[i, t] == _direct[i, best] && _directStep[i, t] == Step.Encode && _directStep[i, best] != Step.Encode))
                    best = t;
            }
            return best;
        }

        private void Consider(int i, int s, int cost, Step step)
        {
            if (cost < _direct[i, s]) { _direct[i, s] = cost; _directStep[i, s] = step; }
        }

        private LabelException Unencodable(Code128CodeSet? only)
        {
            var text = string.Concat(_tokens.Select(t => t >= 0 ? ((char)t).ToString() : $"<FNC{-t}>"));
            return new LabelException(only is { } set
                ? $"\"{text}\" cannot be encoded in Code 128 code set {set} alone."
                : $"\"{text}\" cannot be encoded in Code 128.");
        }

        private bool CanEncode(int set, int i, out int next)
        {
            var token = _tokens[i];
            next = i + 1;
            switch (set)
            {
                case 0: return token is >= -4 and < 96;
                case 1: return token is >= 32 or (< 0 and >= -4);
                default:
                    if (token == -1) return true;
                    next = i + 2;
                    return IsDigit(token) && i + 1 < _tokens.Length && IsDigit(_tokens[i + 1]);
            }
        }

        private static bool IsDigit(int token) => token is >= '0' and <= '9';

        public List<int> Codewords()
        {
            var codewords = new List<int>(_tokens.Length + 4) { StartA + _start };
            var set = _start;
            var i = 0;
            var first = true;
            while (i < _tokens.Length)
            {
                if (!first && _latchTo[i, set] is var target and >= 0)
                {
                    codewords.Add(target switch { 0 => CodeA, 1 => CodeB, _ => CodeC });
                    set = target;
                }
                first = false;
                if (_directStep[i, set] == Step.Shift)
                {
                    codewords.Add(Shift);
                    codewords.Add(Value(1 - set, i, out _));
                    i++;
                }
                else
                {
                    codewords.Add(Value(set, i, out var next));
                    i = next;
                }
            }
            return codewords;
        }

        private int Value(int set, int i, out int next)
        {
            var token = _tokens[i];
            next = i + 1;
            if (set == 2 && token >= 0)
            {
                next = i + 2;
                return (token - '0') * 10 + (_tokens[i + 1] - '0');
            }
            return token switch
            {
                -1 => 102,
                -2 => 97,
                -3 => 96,
                -4 => set == 0 ? CodeA : CodeB,
                < 32 => token + 64,
                _ => token - 32,
            };
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Labels;

/// <summary>
/// A run of new tube barcodes <c>PREFIX</c> + 9-digit sequence number + 1 check digit, e.g. <c>T26000001234</c>+check.
/// The check digit is Damm's (H. M. Damm, 2004) over the prefix (letters as their two-digit values A=10 … Z=35) and
/// the sequence: it catches every single mistyped digit and every swap of two neighbouring digits, which the
/// ISO 7064 MOD 11,10 and Luhn digits do not. A digit rather than a
/// letter keeps the digit run even, so Code 128 packs it two digits per symbol. The barcodes are made on demand,
/// so a range of any size costs no memory. Which ranges are issued, and that they never overlap, is
/// <see cref="BarcodeAllocation"/>'s business.
/// </summary>
public sealed class BarcodeRange : IReadOnlyList<Barcode>
{
    public const int SequenceDigits = 9;
    public const long MaxSequence = 999_999_999;
    public const int MaxPrefixLength = 8;
    public const int MaxCount = 100_000;

    private BarcodeRange(string prefix, long start, int count)
    {
        Prefix = prefix;
        Start = start;
        Count = count;
    }

    public string Prefix { get; }

    public long Start { get; }

    public int Count { get; }

    public long Last => Start + Count - 1;

    public Barcode this[int index] =>
        index >= 0 && index < Count
            ? Barcode.Create(Format(Prefix, Start + index))
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The range has {Count} barcodes.");

    /// <exception cref="DomainException">The prefix is invalid, or the range leaves the 9-digit sequence space or holds 0 or more than <see cref="MaxCount"/> barcodes.</exception>
    public static BarcodeRange Create(string prefix, long start, int count)
    {
        if (CheckPrefix(prefix) is { } error) throw new DomainException("invalid-barcode-prefix", error);
        if (count is < 1 or > MaxCount) throw new DomainException("invalid-barcode-count", $"A barcode range holds 1 to {MaxCount} barcodes; {count} asked for.");
        if (start < 0 || start > MaxSequence - count + 1)
            throw new DomainException("barcode-sequence-exhausted", $"A range of {count} from {start} leaves the sequence numbers 0 to {MaxSequence}.");
        return new BarcodeRange(prefix, start, count);
    }

    /// <summary>The barcode text for <paramref name="sequence"/>: prefix, 9 digits, check digit.</summary>
    /// <exception cref="DomainException">The prefix is invalid or the sequence number is outside 0 to 999,999,999.</exception>
    public static string Format(string prefix, long sequence)
    {
        if (CheckPrefix(prefix) is { } error) throw new DomainException("invalid-barcode-prefix", error);
        if (sequence is < 0 or > MaxSequence) throw new DomainException("invalid-barcode-sequence", $"A sequence number is 0 to {MaxSequence}; {sequence} is not.");
        var payload = prefix + sequence.ToString("D9", CultureInfo.InvariantCulture);
        return payload + CheckDigit(payload);
    }

    /// <summary>Null if <paramref name="prefix"/> can start a range: 1–8 upper-case letters and digits, beginning with a letter.</summary>
    public static string? CheckPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength)
            return $"A barcode prefix has 1 to {MaxPrefixLength} characters; \"{prefix}\" has {prefix?.Length ?? 0}.";
        if (prefix[0] is < 'A' or > 'Z') return $"A barcode prefix begins with a letter A–Z; \"{prefix}\" does not.";
        foreach (var c in prefix)
        {
            if (c is not (>= 'A' and <= 'Z' or >= '0' and <= '9'))
                return $"A barcode prefix holds upper-case letters and digits only; \"{prefix}\" holds '{c}'.";
        }
        return null;
    }

    /// <summary>Reads a barcode made by <see cref="Format"/> back into prefix and sequence, if its check digit is right.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? prefix, out long sequence, [NotNullWhen(false)] out string? error)
    {
        prefix = null;
        sequence = 0;
        if (text is null || text.Length < SequenceDigits + 2)
        {
            error = $"A range barcode is a prefix, {SequenceDigits} digits and a check digit.";
            return false;
        }
        var candidate = text[..^(SequenceDigits + 1)];
        var digits = text.AsSpan(text.Length - SequenceDigits - 1, SequenceDigits);
        if (CheckPrefix(candidate) is { } prefixError) { error = prefixError; return false; }
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"\"{text}\" has no {SequenceDigits}-digit sequence number before its check digit.";
            return false;
        }
        var expected = CheckDigit(text[..^1]);
        if (text[^1] != expected)
        {
            error = $"\"{text}\" has check digit '{text[^1]}' where '{expected}' belongs; it was probably mistyped.";
            return false;
        }
        prefix = candidate;
        sequence = number;
        error = null;
        return true;
    }

    // Damm's totally anti-symmetric quasigroup of order 10.
    private static readonly byte[,] Damm =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    /// <summary>
    /// One step of Damm's check: the interim digit after <paramref name="digit"/> when the interim digit before it was
    /// <paramref name="interim"/> (both 0–9). For whoever computes check digits elsewhere (the database, on the recall
    /// bulk path).
    /// </summary>
    public static int DammNext(int interim, int digit) => Damm[interim, digit];

    /// <summary>
    /// The interim digit after the whole payload (upper-case letters and digits; letters count as the two digits of
    /// A=10 … Z=35), starting from 0: the check digit's value once the payload is complete, and where the digits that
    /// follow a prefix start from.
    /// </summary>
    public static int DammInterim(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var interim = 0;
        foreach (var c in payload)
        {
            if (c is >= '0' and <= '9') interim = Damm[interim, c - '0'];
            else if (c is >= 'A' and <= 'Z')
            {
                var value = c - 'A' + 10;
                interim = Damm[Damm[interim, value / 10], value % 10];
            }
            else throw new ArgumentException($"'{c}' has no check-digit value.", nameof(payload));
        }
        return interim;
    }

    /// <summary>Damm check digit of upper-case letters and digits (letters count as the two digits of A=10 … Z=35).</summary>
    public static char CheckDigit(string payload) => (char)('0' + DammInterim(payload));

    public IEnumerator<Barcode> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Diagnostics.CodeAnalysis;
using Lims.Domain.Common;

namespace Lims.Domain.Tubes;

/// <summary>
/// A tube, box or plate barcode: 4–32 ASCII letters, digits, <c>-</c>, <c>.</c> and <c>_</c>, starting with a letter or
/// a digit. Such a barcode is one path segment of a URL as it is, one field of a CSV file as it is (no quote, comma or
/// leading <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> for a spreadsheet to run), and every character lies in Code 128 code set B.
/// </summary>
/// <remarks>
/// Before this rule a barcode was any 4–32 printable ASCII characters without spaces. Such barcodes may be stored: they are
/// still read (<see cref="FromStored"/>) and found (<see cref="TryParse"/>), but nothing new is made with one
/// (<see cref="Create"/>); <c>lims db check-barcodes</c> lists them.
/// </remarks>
public readonly record struct Barcode
{
    public const int MinLength = 4;
    public const int MaxLength = 32;

    /// <summary>What a barcode is, in the words of every refusal.</summary>
    public const string Rule = "A barcode has 4 to 32 characters: letters A–Z or a–z, digits, '-', '.' or '_', starting with a letter or a digit.";

    private Barcode(string value) => Value = value;

    public string Value { get; }

    /// <summary>A barcode for something new (a tube registered, a box shipped, a plate created, a label printed).</summary>
    public static Barcode Create(string? value) =>
        TryCreate(value, out var barcode, out var error) ? barcode : throw new DomainException("invalid-barcode", error);

    /// <inheritdoc cref="Create"/>
    public static bool TryCreate(string? value, out Barcode barcode, [NotNullWhen(false)] out string? error)
    {
        barcode = default;
        error = Check(value);
        if (error is not null) return false;
        barcode = new Barcode(value!);
        return true;
    }

    /// <summary>
    /// A barcode typed or scanned to find what it names: one that passes <see cref="Create"/>, or one stored under the
    /// earlier rule (printable ASCII without spaces), so that tubes registered before it can still be scanned and found.
    /// </summary>
    public static bool TryParse(string? value, out Barcode barcode)
    {
        barcode = default;
        if (value is null || value.Length is < MinLength or > MaxLength) return false;
        foreach (var c in value)
            if (c is < '!' or > '~') return false;
        barcode = new Barcode(value);
        return true;
    }

    /// <summary>A barcode typed or scanned to find what it names (see <see cref="TryParse"/>).</summary>
    public static Barcode Parse(string? value) =>
        TryParse(value, out var barcode) ? barcode : throw new DomainException("invalid-barcode", Check(value) ?? Rule);

    /// <summary>A barcode read back from the database, as it was stored (see the remarks).</summary>
    public static Barcode FromStored(string value) => new(value);

    /// <summary>Why <paramref name="value"/> is not a barcode under the current rule, or null when it is one.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "A barcode is required.";
        if (value.Length is < MinLength or > MaxLength)
            return $"{Rule} This one has {value.Length}.";
        if (!char.IsAsciiLetterOrDigit(value[0]))
            return $"{Rule} This one starts with {Describe(value[0])}.";
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_'))
                return $"{Rule} This one has {Describe(c)} at position {i + 1}.";
        }
        return null;
    }

    private static string Describe(char c) => c is >= '!' and <= '~' ? $"'{c}' (U+{(int)c:X4})" : $"U+{(int)c:X4}";

    public override string ToString() => Value;
}

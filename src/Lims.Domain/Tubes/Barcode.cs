using System.Diagnostics.CodeAnalysis;
using Lims.Domain.Common;

namespace Lims.Domain.Tubes;

/// <summary>
/// A tube, box or plate barcode: 4–32 printable ASCII characters without spaces. Every such
/// character lies in Code 128 code set B, so every valid barcode can be printed.
/// </summary>
public readonly record struct Barcode
{
    public const int MinLength = 4;
    public const int MaxLength = 32;

    private Barcode(string value) => Value = value;

    public string Value { get; }

    public static Barcode Create(string? value) =>
        TryCreate(value, out var barcode, out var error) ? barcode : throw new DomainException("invalid-barcode", error);

    public static bool TryCreate(string? value, out Barcode barcode, [NotNullWhen(false)] out string? error)
    {
        barcode = default;
        error = Check(value);
        if (error is not null) return false;
        barcode = new Barcode(value!);
        return true;
    }

    private static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "A barcode is required.";
        if (value.Length is < MinLength or > MaxLength)
            return $"A barcode has {MinLength} to {MaxLength} characters; this one has {value.Length}.";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < '!' or > '~')
                return $"A barcode holds printable ASCII characters without spaces; position {i + 1} is not one (U+{(int)c:X4}).";
        }
        return null;
    }

    public override string ToString() => Value;
}

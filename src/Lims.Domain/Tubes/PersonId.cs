using System.Diagnostics.CodeAnalysis;
using Lims.Domain.Common;

namespace Lims.Domain.Tubes;

public enum PersonIdType
{
    /// <summary>The 18-character resident identity card number of the People's Republic of China.</summary>
    CnResident,
    Passport,
    Other,
}

/// <summary>
/// A person's identity document number, validated for its type. It lives only as long as a
/// request: what is stored is a <see cref="ProtectedPersonId"/>.
/// </summary>
public readonly record struct PersonId
{
    private static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentCheckCharacters = "10X98765432";

    private PersonId(PersonIdType type, string number)
    {
        Type = type;
        Number = number;
    }

    public PersonIdType Type { get; }
    public string Number { get; }

    /// <summary>The number as screens and logs show it, e.g. <c>1101**********123X</c>.</summary>
    public string Masked => Mask(Number);

    public static PersonId Create(PersonIdType type, string? number) =>
        TryCreate(type, number, out var id, out var error) ? id : throw new DomainException("invalid-person-id", error);

    public static bool TryCreate(PersonIdType type, string? number, out PersonId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(number))
        {
            error = "An id number is required.";
            return false;
        }
        var normalized = number.Trim().ToUpperInvariant();
        error = type switch
        {
            PersonIdType.CnResident => CheckResident(normalized),
            PersonIdType.Passport => CheckPassport(normalized),
            PersonIdType.Other => CheckOther(normalized),
        };
        if (error is not null) return false;
        id = new PersonId(type, normalized);
        return true;
    }

    /// <summary>ISO 7064 MOD 11-2 check character of the first 17 digits of a resident id.</summary>
    public static char ResidentCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * ResidentWeights[i];
        return ResidentCheckCharacters[sum % 11];
    }

    private static string? CheckResident(string n)
    {
        if (n.Length != 18) return $"A resident id has 18 characters; this one has {n.Length}.";
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(n[i])) return $"A resident id has digits in positions 1–17; position {i + 1} is '{n[i]}'.";
        if (!char.IsAsciiDigit(n[17]) && n[17] != 'X') return "A resident id ends with a digit or X.";
        if (!DateOnly.TryParseExact(n.AsSpan(6, 8), "yyyyMMdd", out var birth) || birth.Year < 1900)
            return $"A resident id holds a birth date in positions 7–14; '{n.Substring(6, 8)}' is not one.";
        var expected = ResidentCheckCharacter(n);
        return n[17] == expected ? null : $"The check character of this resident id is wrong: '{n[17]}' where '{expected}' was expected.";
    }

    private static string? CheckPassport(string n)
    {
        if (n.Length is < 5 or > 20) return $"A passport number has 5 to 20 characters; this one has {n.Length}.";
        foreach (var c in n)
            if (!char.IsAsciiLetterOrDigit(c)) return "A passport number holds only letters and digits.";
        return null;
    }

    private static string? CheckOther(string n)
    {
        if (n.Length is < 2 or > 40) return $"An id number has 2 to 40 characters; this one has {n.Length}.";
        foreach (var c in n)
            if (c is < '!' or > '~' && c != ' ') return "An id number holds printable ASCII characters only.";
        return null;
    }

    /// <summary>Keeps the first and last quarter (at most 4 characters each) and stars the rest.</summary>
    public static string Mask(string number)
    {
        var keep = Math.Min(4, number.Length / 4);
        return string.Concat(number.AsSpan(0, keep), new string('*', number.Length - 2 * keep), number.AsSpan(number.Length - keep));
    }

    public override string ToString() => Masked;
}

/// <summary>
/// A person id as it is stored: encrypted, with a keyed hash to find the same person again,
/// and the masked form that every response and log shows. The plain number is never stored.
/// </summary>
public sealed record ProtectedPersonId(PersonIdType Type, byte[] Cipher, byte[] LookupHash, string Masked)
{
    public bool SamePersonAs(ProtectedPersonId other) =>
        Type == other.Type && LookupHash.AsSpan().SequenceEqual(other.LookupHash);
}

/// <summary>Encrypts person ids and derives their lookup hash (keys live outside the domain).</summary>
public interface IPersonIdProtector
{
    ProtectedPersonId Protect(PersonId id);
}

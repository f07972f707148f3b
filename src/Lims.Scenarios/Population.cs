using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Scenarios;

/// <summary>A person as the batch API takes a tube's member.</summary>
public sealed record Person(string IdType, string IdNumber, string Name, string? Phone);

/// <summary>
/// A city's people, numbered: person <c>n</c> has the resident id <see cref="ResidentId(long)"/>(n), the name
/// <see cref="Name"/>(n) and the phone <see cref="Phone"/>, the same in every run.
/// </summary>
public static class Population
{
    /// <summary>The birth date of person 0; each following thousand people are born a day later.</summary>
    public static readonly DateOnly FirstBirthDate = new(1950, 1, 1);

    public const string Phone = "13800138000";

    /// <summary>A valid 18-character resident id (correct ISO 7064 MOD 11-2 check character), different for each <paramref name="n"/>.</summary>
    public static string ResidentId(long n) => ResidentId(n, FirstBirthDate);

    /// <summary>
    /// The same numbering from another first birth date: district 110105, the birth date <paramref name="firstBirthDate"/>
    /// plus n / 1000 days, n mod 1000 as the sequence number, and the check character.
    /// </summary>
    public static string ResidentId(long n, DateOnly firstBirthDate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var first17 = $"110105{firstBirthDate.AddDays(checked((int)(n / 1000))):yyyyMMdd}{n % 1000:D3}";
        return first17 + PersonId.ResidentCheckCharacter(first17);
    }

    /// <summary>The same id with a wrong check character.</summary>
    public static string WithWrongCheckCharacter(string id) =>
        id[..17] + (id[17] == '0' ? '1' : '0');

    public static string Name(long n) => $"Person {n}";

    /// <summary>Person <paramref name="n"/> (optionally under another name) as a member of a tube.</summary>
    public static Person Person(long n, string? name = null) =>
        new(PersonIdType.CnResident.ToWire(), ResidentId(n), name ?? Name(n), Phone);
}

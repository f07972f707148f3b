namespace Lims.Domain.Tubes;

/// <summary>A person bound to a position (1..capacity) of a tube.</summary>
public sealed class Member
{
    private Member() { }

    internal Member(int position, ProtectedPersonId person, string name, string? phone)
    {
        Position = position;
        Person = person;
        Name = name;
        Phone = phone;
    }

    public int Position { get; private set; }
    public ProtectedPersonId Person { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }

    /// <summary>A name as screens show it: the first character, the rest starred.</summary>
    public static string MaskName(string name) =>
        name.Length <= 1 ? "*" : string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));

    /// <summary>A phone number as screens show it: the last four digits.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null ? null : phone.Length <= 4 ? new string('*', phone.Length) : string.Concat(new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 4));
}

/// <summary>What a submitter says about one person of a tube, before it is bound.</summary>
public sealed record MemberDraft(ProtectedPersonId Person, string Name, string? Phone);

namespace Lims.Domain.Tubes;

/// <summary>A person bound to a position (1..capacity) of a tube.</summary>
public sealed class Member
{
    private Member() { }

    public const int MaxPatientIdLength = 64;
    public const int MaxPatientIdSystemLength = 200;

    internal Member(int position, ProtectedPersonId person, string name, string? phone, string? patientId, string? patientIdSystem)
    {
        Position = position;
        Person = person;
        Name = name;
        Phone = phone;
        PatientId = patientId;
        PatientIdSystem = patientIdSystem;
    }

    public int Position { get; private set; }
    public ProtectedPersonId Person { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    /// <summary>The submitter's own identifier of the person (a hospital's patient number), echoed back with their results.</summary>
    public string? PatientId { get; private set; }
    /// <summary>The naming system of <see cref="PatientId"/> when the submitter gave one (FHIR <c>Patient.identifier.system</c>).</summary>
    public string? PatientIdSystem { get; private set; }

    /// <summary>A name as screens show it: the first character, the rest starred.</summary>
    public static string MaskName(string name) =>
        name.Length <= 1 ? "*" : string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));

    /// <summary>A phone number as screens show it: the last four digits.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null ? null : phone.Length <= 4 ? new string('*', phone.Length) : string.Concat(new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 4));
}

/// <summary>What a submitter says about one person of a tube, before it is bound.</summary>
/// <param name="PatientId">The submitter's own identifier of the person, when it sends one.</param>
public sealed record MemberDraft(ProtectedPersonId Person, string Name, string? Phone, string? PatientId = null, string? PatientIdSystem = null);

using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

/// <summary>Builders shared by the tube tests. Nothing here is under test.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset CollectedAt = new(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset RegisteredAt = CollectedAt.AddMinutes(30);
    public const string Registrar = "registrar@site";

    /// <summary>
    /// A stored person id built directly, without any protector: the lookup hash is a fake byte
    /// array derived from <paramref name="seed"/>, so equal seeds mean the same person.
    /// </summary>
    public static ProtectedPersonId Person(byte seed, PersonIdType type = PersonIdType.CnResident) =>
        new(type, [0xC1, seed], [0x48, seed, 0x48, seed], $"1101**********{seed:D3}X");

    public static MemberDraft Draft(byte seed, PersonIdType type = PersonIdType.CnResident) =>
        new(Person(seed, type), $"Person {seed}", $"1380013{seed:D4}");

    public static IReadOnlyList<MemberDraft> Drafts(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Draft((byte)i))];

    public static Tube Register(
        TubeKind kind = TubeKind.Single,
        int capacity = 1,
        IReadOnlyList<MemberDraft>? members = null,
        Priority priority = Priority.Routine,
        DateTimeOffset? collectedAt = null,
        DateTimeOffset? registeredAt = null,
        string site = "Fever clinic",
        string actor = Registrar,
        string barcode = "T0000001") =>
        Tube.Register(
            TubeId.New(), Barcode.Create(barcode), kind, capacity, SubmitterId.New(), SubmissionId.New(),
            collectedAt ?? CollectedAt, site, priority, members ?? Drafts(capacity),
            registeredAt ?? RegisteredAt, actor);
}

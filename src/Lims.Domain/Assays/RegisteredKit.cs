using Lims.Domain.Common;

namespace Lims.Domain.Assays;

/// <summary>
/// A lab's own assay kit, stored as its JSON definition. A kit is versioned, never edited in place:
/// a change is a new version, and plates keep the version they were made with.
/// </summary>
public sealed class RegisteredKit
{
    private RegisteredKit() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Version { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The normalised JSON definition (<see cref="AssayKitJson.Serialize"/>).</summary>
    public string Definition { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static RegisteredKit Register(AssayKit kit, DateTimeOffset at, string by)
    {
        if (BuiltInKits.Find(kit.Code) is not null)
            throw new DomainException("built-in-kit", $"Kit code '{kit.Code}' belongs to a built-in kit; choose another code.");
        return new RegisteredKit
        {
            Id = Guid.CreateVersion7(), Code = kit.Code, Version = kit.Version, Name = kit.Name,
            Definition = AssayKitJson.Serialize(kit), CreatedAt = at.ToUniversalTime(), CreatedBy = by,
        };
    }

    public AssayKit ToKit() => AssayKitJson.Parse(Definition);
}

using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Kits;

/// <summary>
/// Adds a lab's own assay kit from its JSON definition. A kit is never edited in place: the same
/// code and version with the same rules answers the stored kit, with other rules it is a conflict.
/// </summary>
public sealed record RegisterKit(string DefinitionJson, string Actor) : ICommand<KitView>;

public sealed record KitView(string Code, string Version, string Name, bool BuiltIn, string Definition);

public sealed class RegisterKitHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<RegisterKit, KitView>
{
    public async ValueTask<KitView> Handle(RegisterKit command, CancellationToken cancellationToken)
    {
        AssayKit kit;
        try
        {
            kit = AssayKitJson.Parse(command.DefinitionJson);
        }
        catch (DomainException e) when (e.Code == AssayKit.InvalidCode)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["kit"] = [e.Message] });
        }
        var registered = RegisteredKit.Register(kit, time.GetUtcNow(), command.Actor);
        if (await db.Kits.AsNoTracking().SingleOrDefaultAsync(k => k.Code == kit.Code && k.Version == kit.Version, cancellationToken) is { } existing)
            return existing.Definition == registered.Definition
                ? KitCatalog.View(existing)
                : throw new ConflictException("kit-version-exists", $"Kit {kit.Code} version {kit.Version} exists with other rules; a changed kit needs a new version.");
        db.Kits.Add(registered);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("kit-version-exists", $"Kit {kit.Code} version {kit.Version} was added at the same time; send it again.");
        }
        return KitCatalog.View(registered);
    }
}

/// <summary>Every kit: the built-in ones and every version of the lab's own.</summary>
public sealed record ListKits : IQuery<IReadOnlyList<KitView>>;

public sealed class ListKitsHandler(ILimsDbContext db) : IQueryHandler<ListKits, IReadOnlyList<KitView>>
{
    public async ValueTask<IReadOnlyList<KitView>> Handle(ListKits query, CancellationToken cancellationToken)
    {
        var own = await db.Kits.AsNoTracking().OrderBy(k => k.Code).ThenBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return [.. BuiltInKits.All.Select(k => new KitView(k.Code, k.Version, k.Name, true, AssayKitJson.Serialize(k))), .. own.Select(KitCatalog.View)];
    }
}

public static class KitCatalog
{
    internal static KitView View(RegisteredKit k) => new(k.Code, k.Version, k.Name, false, k.Definition);

    /// <summary>A kit by code: a built-in one, or the lab's latest version (or the given one).</summary>
    public static async Task<AssayKit> FindAsync(ILimsDbContext db, string code, string? version, CancellationToken cancellationToken)
    {
        if (BuiltInKits.Find(code) is { } builtIn && (version is null || version == builtIn.Version)) return builtIn;
        var stored = await db.Kits.AsNoTracking()
            .Where(k => k.Code == code && (version == null || k.Version == version))
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return stored?.ToKit() ?? throw new NotFoundException($"There is no assay kit '{code}'{(version is null ? "" : $" version {version}")}.");
    }
}

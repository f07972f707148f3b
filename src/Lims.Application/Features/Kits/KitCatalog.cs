using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Kits;

/// <summary>Where use cases find a kit by its code: the built-in kits first, then the lab's own.</summary>
public static class KitCatalog
{
    /// <summary>A kit by code: a built-in one, or the lab's latest version (or the given one).</summary>
    public static async Task<AssayKit> FindAsync(ILimsDbContext db, string code, string? version, CancellationToken cancellationToken)
    {
        if (BuiltInKits.Find(code) is { } builtIn && (version is null || version == builtIn.Version)) return builtIn;
        var stored = await db.Kits.AsNoTracking()
            .Where(k => k.Code == code && (version == null || k.Version == version))
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return stored?.ToKit() ?? throw NotFoundException.Of("assay kit", version is null ? code : $"{code} version {version}");
    }
}

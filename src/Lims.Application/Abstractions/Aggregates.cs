using System.Linq.Expressions;
using Lims.Domain.Common;
using Lims.Domain.Inactivation;
using Lims.Domain.Labels;
using Lims.Domain.Plates;
using Lims.Domain.Receiving;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Abstractions;

/// <summary>
/// How use cases load the aggregates people name by the code they scan or type — tracked for a change, or from a
/// no-tracking query for a view — and save them. A code that is not a barcode, or names nothing, is a
/// <see cref="NotFoundException"/> (one path to a 404); a save that lost a race is a <see cref="ConflictException"/>.
/// </summary>
internal static class Aggregates
{
    public static Task<Tube> TubeAsync(this IQueryable<Tube> tubes, string code, CancellationToken cancellationToken) =>
        FindAsync(tubes, code, b => t => t.Barcode == b, "tube", cancellationToken);

    public static Task<Box> BoxAsync(this IQueryable<Box> boxes, string code, CancellationToken cancellationToken) =>
        FindAsync(boxes, code, b => x => x.Barcode == b, "box", cancellationToken);

    public static Task<Plate> PlateAsync(this IQueryable<Plate> plates, string code, CancellationToken cancellationToken) =>
        FindAsync(plates, code, b => p => p.Barcode == b, "plate", cancellationToken);

    public static Task<InactivationBatch> InactivationBatchAsync(this IQueryable<InactivationBatch> batches, string code, CancellationToken cancellationToken) =>
        FindAsync(batches, code, b => x => x.Code == b, "inactivation batch", cancellationToken);

    /// <summary>
    /// The review of a plate's run. A plate without an interpreted run yet is a conflict (there is nothing to review so
    /// far); a code that names no plate is not found.
    /// </summary>
    public static async Task<PlateReview> ReviewOfPlateAsync(this ILimsDbContext db, IQueryable<PlateReview> reviews, string plate, CancellationToken cancellationToken)
    {
        if (!Barcode.TryParse(plate, out var barcode)) throw NotFoundException.Of("plate", plate);
        return await reviews.SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken)
            ?? (await db.Plates.AnyAsync(p => p.Barcode == barcode, cancellationToken)
                ? throw new ConflictException("no-run", $"Plate {barcode} has no interpreted run to review yet.")
                : throw NotFoundException.Of("plate", plate));
    }

    /// <summary>The staff account acting, as a signer of what it does (only staff review plates).</summary>
    public static async Task<Signer> SignerAsync(this ILimsDbContext db, string userName, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), cancellationToken)
            ?? throw new ForbiddenException("staff-only", "Only staff accounts review plates.");
        return new Signer(user.UserName, user.Role);
    }

    /// <summary>The tubes of <paramref name="ids"/>, tracked, by id: those this unit of work holds already, the others read.</summary>
    public static async Task<Dictionary<TubeId, Tube>> TubesByIdAsync(this ILimsDbContext db, IEnumerable<TubeId> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet();
        var tubes = db.Tubes.Local.Where(t => wanted.Contains(t.Id)).ToDictionary(t => t.Id);
        var missing = wanted.Where(id => !tubes.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var tube in await db.Tubes.Where(t => missing.Contains(t.Id)).ToListAsync(cancellationToken)) tubes[tube.Id] = tube;
        return tubes;
    }

    public static Task<BarcodeAllocation> BarcodeRangeAsync(this IQueryable<BarcodeAllocation> ranges, Guid id, CancellationToken cancellationToken)
    {
        var key = new BarcodeAllocationId(id);
        return ranges.Where(a => a.Id == key).SingleOrNotFoundAsync("barcode range", id, cancellationToken);
    }

    /// <summary>
    /// Saves a box; if another scanner changed it meanwhile — or the same scan, retried, was being saved (its scan id is
    /// unique in the box) — the caller is told to send again (scans are idempotent).
    /// </summary>
    public static Task SaveAsync(this ILimsDbContext db, Box box, CancellationToken cancellationToken)
    {
        var changed = ("box-changed", $"Box {box.Barcode} was changed by someone else at the same time; send the request again.");
        return db.SaveOrConflictAsync(changed, changed, cancellationToken);
    }

    /// <summary>Saves a plate; the unique barcode decides between two creations at once.</summary>
    public static Task SaveAsync(this ILimsDbContext db, Plate plate, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(
            ("plate-changed", $"Plate {plate.Barcode} or one of its tubes was changed by someone else at the same time; try again."),
            ("plate-exists", $"Plate {plate.Barcode} was created at the same time by someone else."),
            cancellationToken);

    /// <summary>Unique indexes decide a refused write: the batch code, or a tube already inactivated in another batch.</summary>
    public static Task SaveAsync(this ILimsDbContext db, InactivationBatch batch, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(
            ("batch-changed", $"Inactivation batch {batch.Code} was changed by someone else at the same time; try again."),
            ("tube-already-inactivated", $"Batch {batch.Code} exists already, or one of its tubes is in another inactivation batch."),
            cancellationToken);

    public static Task SaveAsync(this ILimsDbContext db, Tube tube, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(("tube-changed", $"Tube {tube.Barcode} was changed by someone else at the same time; try again."), null, cancellationToken);

    /// <summary>The one entity <paramref name="query"/> finds, or a <see cref="NotFoundException"/> naming it.</summary>
    public static async Task<T> SingleOrNotFoundAsync<T>(this IQueryable<T> query, string what, object? name, CancellationToken cancellationToken)
        where T : class =>
        await query.SingleOrDefaultAsync(cancellationToken) ?? throw NotFoundException.Of(what, name);

    private static async Task<T> FindAsync<T>(
        IQueryable<T> set, string code, Func<Barcode, Expression<Func<T, bool>>> byBarcode, string what, CancellationToken cancellationToken) where T : class =>
        Barcode.TryParse(code, out var barcode) && await set.SingleOrDefaultAsync(byBarcode(barcode), cancellationToken) is { } found
            ? found
            : throw NotFoundException.Of(what, code);
}

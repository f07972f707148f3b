using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Abstractions;

/// <summary>The few ways use cases read and save that are the same everywhere.</summary>
internal static class Persistence
{
    /// <summary>
    /// Saves the unit of work. A row someone else changed meanwhile (a concurrency token) is a 409 <paramref name="changed"/>;
    /// a unique index refusing the write is a 409 <paramref name="taken"/> when given, and otherwise left to the caller.
    /// </summary>
    public static async Task SaveOrConflictAsync(
        this ILimsDbContext db, (string Code, string Message) changed, (string Code, string Message)? taken, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(changed.Code, changed.Message);
        }
        catch (DbUpdateException) when (taken is { } t)
        {
            throw new ConflictException(t.Code, t.Message);
        }
    }

    /// <summary>The named tubes of any submitter, as the lab scans them; one that names no tube is "There is no tube X." on <c>tubes</c>.</summary>
    public static Task<List<Tube>> TubesAsync(this ILimsDbContext db, IReadOnlyList<string> barcodes, CancellationToken cancellationToken) =>
        db.TubesAsync(barcodes, null, u => $"There is no tube {u}.", cancellationToken);

    /// <summary>
    /// The named tubes (of <paramref name="submitter"/> when given), tracked, in the order given; barcodes that name no
    /// such tube are one validation error on <c>tubes</c> listing them all, each worded by <paramref name="unknown"/>.
    /// </summary>
    public static async Task<List<Tube>> TubesAsync(
        this ILimsDbContext db, IReadOnlyList<string> barcodes, Domain.Common.SubmitterId? submitter, Func<string, string> unknown, CancellationToken cancellationToken)
    {
        var wanted = barcodes.Select(t => Barcode.TryParse(t, out var b) ? b : (Barcode?)null).ToList();
        var valid = wanted.OfType<Barcode>().ToList();
        var query = db.Tubes.Where(t => valid.Contains(t.Barcode));
        if (submitter is { } owner) query = query.Where(t => t.SubmitterId == owner);
        var tubes = await query.ToListAsync(cancellationToken);
        var missing = barcodes.Where((_, i) => wanted[i] is not { } b || !tubes.Exists(t => t.Barcode == b)).ToList();
        if (missing.Count > 0)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["tubes"] = [.. missing.Select(unknown)] });
        return [.. barcodes.Select(code => tubes.Single(t => t.Barcode.Value == code))];
    }
}

/// <summary>
/// Exclusive locks held until the current transaction ends, for work that must not run twice at once (issuing the
/// next range of a barcode prefix). Taken inside a transaction only; on SQLite the transaction's write lock is one already.
/// </summary>
public interface ITransactionLocks
{
    Task TakeAsync(string resource, CancellationToken cancellationToken);
}

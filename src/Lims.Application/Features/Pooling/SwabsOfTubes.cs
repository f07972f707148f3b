using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Pooling;

/// <summary>
/// The swabs behind the sample ids of a design that are registered pooled tubes (their number of people), so that a
/// design pooling real tubes is held to the dilution cap and never pools a collection pool again. Other ids are
/// taken as one swab each.
/// </summary>
public sealed record SwabsOfTubes(IReadOnlyCollection<string> Samples) : IQuery<IReadOnlyDictionary<string, int>>;

public sealed class SwabsOfTubesHandler(ILimsDbContext db) : IQueryHandler<SwabsOfTubes, IReadOnlyDictionary<string, int>>
{
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(SwabsOfTubes query, CancellationToken cancellationToken)
    {
        var barcodes = query.Samples.Distinct(StringComparer.Ordinal)
            .Select(s => Barcode.TryCreate(s, out var b, out _) ? b : (Barcode?)null).OfType<Barcode>().ToList();
        if (barcodes.Count == 0) return new Dictionary<string, int>();
        var pooled = await db.Tubes.AsNoTracking()
            .Where(t => barcodes.Contains(t.Barcode) && t.Kind == TubeKind.Pooled)
            .Select(t => new { t.Barcode, Swabs = t.Members.Count })
            .ToListAsync(cancellationToken);
        return pooled.ToDictionary(t => t.Barcode.Value, t => t.Swabs, StringComparer.Ordinal);
    }
}

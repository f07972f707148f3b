using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Runs;

/// <summary>The run of a plate: QC, every tube's call and outcome, every well's targets (with curves when asked for).</summary>
public sealed record GetRun(string Plate, bool Curves) : IQuery<RunView>;

public sealed class GetRunHandler(ILimsDbContext db) : IQueryHandler<GetRun, RunView>
{
    public async ValueTask<RunView> Handle(GetRun query, CancellationToken cancellationToken)
    {
        var run = Barcode.TryParse(query.Plate, out var barcode)
            ? await db.PlateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken)
            : null;
        return run is null ? throw RunViews.NoRun(query.Plate) : await RunViews.ViewAsync(db, run, cancellationToken, query.Curves);
    }
}

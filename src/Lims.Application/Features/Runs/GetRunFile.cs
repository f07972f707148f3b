using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Runs;

/// <summary>The file of a plate's run, byte for byte as it was uploaded.</summary>
public sealed record GetRunFile(string Plate) : IQuery<StoredRunFile>;

public sealed record StoredRunFile(string Name, byte[] Content);

public sealed class GetRunFileHandler(ILimsDbContext db) : IQueryHandler<GetRunFile, StoredRunFile>
{
    public async ValueTask<StoredRunFile> Handle(GetRunFile query, CancellationToken cancellationToken)
    {
        var found = Barcode.TryParse(query.Plate, out var barcode)
            ? await db.PlateRuns.AsNoTracking().Where(r => r.PlateBarcode == barcode)
                .Join(db.RunFiles.AsNoTracking(), r => r.Sha256, f => f.Sha256, (r, f) => new StoredRunFile(r.FileName, f.Content))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        return found ?? throw RunViews.NoRun(query.Plate);
    }
}

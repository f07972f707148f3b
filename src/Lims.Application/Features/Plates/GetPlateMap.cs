using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Plates;

/// <summary>A plate's map as CSV (<c>Well,Sample Name,Role</c>) for the instrument's sample set-up.</summary>
public sealed record GetPlateMap(string Plate) : IQuery<PlateMap>;

public sealed record PlateMap(string Plate, string Csv);

public sealed class GetPlateMapHandler(ILimsDbContext db) : IQueryHandler<GetPlateMap, PlateMap>
{
    public async ValueTask<PlateMap> Handle(GetPlateMap query, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.AsNoTracking().PlateAsync(query.Plate, cancellationToken);
        return new PlateMap(plate.Barcode.Value, plate.ToCsv());
    }
}

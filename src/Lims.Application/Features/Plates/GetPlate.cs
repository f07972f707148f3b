using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Plates;

/// <summary>A plate's layout.</summary>
public sealed record GetPlate(string Plate) : IQuery<PlateView>;

public sealed class GetPlateHandler(ILimsDbContext db) : IQueryHandler<GetPlate, PlateView>
{
    public async ValueTask<PlateView> Handle(GetPlate query, CancellationToken cancellationToken) =>
        PlateView.From(await db.Plates.AsNoTracking().PlateAsync(query.Plate, cancellationToken));
}

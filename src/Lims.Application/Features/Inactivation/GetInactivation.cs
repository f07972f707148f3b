using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Inactivation;

/// <summary>An inactivation batch by its code.</summary>
public sealed record GetInactivation(string Code) : IQuery<InactivationView>;

public sealed class GetInactivationHandler(ILimsDbContext db) : IQueryHandler<GetInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(GetInactivation query, CancellationToken cancellationToken) =>
        InactivationView.From(await db.InactivationBatches.AsNoTracking().InactivationBatchAsync(query.Code, cancellationToken));
}

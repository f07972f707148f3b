using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Kits;

/// <summary>Every kit: the built-in ones and every version of the lab's own.</summary>
public sealed record ListKits : IQuery<IReadOnlyList<KitView>>;

public sealed class ListKitsHandler(ILimsDbContext db) : IQueryHandler<ListKits, IReadOnlyList<KitView>>
{
    public async ValueTask<IReadOnlyList<KitView>> Handle(ListKits query, CancellationToken cancellationToken)
    {
        var own = await db.Kits.AsNoTracking().OrderBy(k => k.Code).ThenBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return [.. BuiltInKits.All.Select(KitView.BuiltInKit), .. own.Select(KitView.From)];
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>A box as the lab sees it, or as its own submitter does (<paramref name="Submitter"/> set): anyone else's is not found.</summary>
public sealed record GetBox(string Box, SubmitterId? Submitter) : IQuery<BoxView>;

public sealed class GetBoxHandler(ILimsDbContext db) : IQueryHandler<GetBox, BoxView>
{
    public async ValueTask<BoxView> Handle(GetBox query, CancellationToken cancellationToken)
    {
        var boxes = db.Boxes.AsNoTracking();
        if (query.Submitter is { } submitter) boxes = boxes.Where(b => b.SubmitterId == submitter);
        return BoxView.From(await boxes.BoxAsync(query.Box, cancellationToken));
    }
}

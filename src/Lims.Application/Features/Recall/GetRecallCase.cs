using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>A recall case: the lab sees any; a submitter only its own, once shown to it (others are not found).</summary>
public sealed record GetRecallCase(Guid Id, SubmitterId? Submitter) : IQuery<RecallCaseView>;

public sealed class GetRecallCaseHandler(ILimsDbContext db) : IQueryHandler<GetRecallCase, RecallCaseView>
{
    public async ValueTask<RecallCaseView> Handle(GetRecallCase query, CancellationToken cancellationToken)
    {
        var id = new RecallCaseId(query.Id);
        var cases = db.RecallCases.AsNoTracking().Where(c => c.Id == id);
        if (query.Submitter is { } submitter) cases = cases.Where(c => c.SubmitterId == submitter && c.VisibleAt != null);
        return RecallCaseView.From(await cases.SingleOrNotFoundAsync("recall case", query.Id, cancellationToken));
    }
}

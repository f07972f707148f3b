using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Tubes;
using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// Opens the recall case of every pooled tube called positive that has none yet (of the given tubes, or all of them).
/// A run import opens its pools' cases itself (OpenRecallOfPositivePools); this sweep, run by a recurring job, opens
/// any that were missed, e.g. by a pool called positive before this version. Idempotent: a pool is recalled once.
/// </summary>
public sealed record OpenRecallCases(IReadOnlyList<TubeId>? Tubes, string Actor) : ICommand<IReadOnlyList<RecallCaseId>>;

public sealed class OpenRecallCasesHandler(ILimsDbContext db, RecallOrders orders) : ICommandHandler<OpenRecallCases, IReadOnlyList<RecallCaseId>>
{
    /// <summary>A day of a city's screening at 1 % positivity is ~26,000 positive pools: one pass takes them all.</summary>
    public const int MaxPerPass = 100_000;

    public async ValueTask<IReadOnlyList<RecallCaseId>> Handle(OpenRecallCases command, CancellationToken cancellationToken)
    {
        var candidates = db.Tubes.AsNoTracking()
            .Where(t => t.Kind == TubeKind.Pooled && t.Status == TubeStatus.Interpreted && t.Call == TubeCall.Positive);
        if (command.Tubes is { } ids) candidates = candidates.Where(t => ids.Contains(t.Id));
        var pools = await candidates
            .Where(t => !db.RecallCases.Any(c => c.PoolTubeId == t.Id))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(MaxPerPass)
            .Select(t => new PositivePoolHeader(t.Id, t.Barcode, t.SubmitterId, t.Site, t.Members.Count))
            .ToListAsync(cancellationToken);
        var opened = await orders.OpenAsync(pools, command.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return opened;
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// A pool's positive call is approved (its senior reviewers have signed it): its recall case, prepared when the run
/// called it, is shown to its submitter now, and its deadline counts from now. Before, a case would reveal an unsigned call.
/// </summary>
public sealed class PublishRecallOfApprovedPools(ILimsDbContext db) : IDomainEventHandler<TubesApproved>
{
    public async Task HandleAsync(IReadOnlyList<TubesApproved> events, CancellationToken cancellationToken)
    {
        var positive = events.SelectMany(e => e.Items.Where(i => i.Call == TubeCall.Positive).Select(i => (i.TubeId, e.At))).ToList();
        if (positive.Count == 0) return;
        var pools = positive.Select(p => p.TubeId).ToList();
        var cases = await db.RecallCases.Where(c => pools.Contains(c.PoolTubeId)).ToDictionaryAsync(c => c.PoolTubeId, cancellationToken);
        foreach (var (pool, at) in positive)
            if (cases.TryGetValue(pool, out var recall)) recall.Publish(at);
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// A pool that is no longer positive — a reviewer overrode its call to negative, or sent it back to retest — needs no
/// recall: its open case is withdrawn, with why, in the same save.
/// </summary>
public sealed class WithdrawRecallOfPool(ILimsDbContext db) : IDomainEventHandler<CallOverridden>, IDomainEventHandler<TubeSentToRetest>
{
    public Task HandleAsync(IReadOnlyList<CallOverridden> events, CancellationToken cancellationToken) => WithdrawAsync(
        [.. events.Where(e => e.Kind == TubeKind.Pooled && e.From == TubeCall.Positive && e.To != TubeCall.Positive)
            .Select(e => (e.Tube, $"pool call overridden to {e.To.ToWire()} by {e.By}: {e.Reason}", e.At))], cancellationToken);

    public Task HandleAsync(IReadOnlyList<TubeSentToRetest> events, CancellationToken cancellationToken) => WithdrawAsync(
        [.. events.Where(e => e.Kind == TubeKind.Pooled && e.PreviousCall == TubeCall.Positive)
            .Select(e => (e.Tube, $"pool sent back to retest by {e.By}: {e.Reason}", e.At))], cancellationToken);

    private async Task WithdrawAsync(IReadOnlyList<(TubeId Pool, string Reason, DateTimeOffset At)> withdrawn, CancellationToken cancellationToken)
    {
        if (withdrawn.Count == 0) return;
        var pools = withdrawn.Select(w => w.Pool).ToList();
        var cases = await db.RecallCases.Where(c => pools.Contains(c.PoolTubeId)).ToDictionaryAsync(c => c.PoolTubeId, cancellationToken);
        foreach (var (pool, reason, at) in withdrawn)
            if (cases.TryGetValue(pool, out var recall)) recall.Withdraw(reason, at);
    }
}

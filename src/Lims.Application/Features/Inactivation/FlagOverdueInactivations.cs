using Lims.Application.Abstractions;
using Lims.Domain.Inactivation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Inactivation;

/// <summary>
/// Flags batches still open <paramref name="Grace"/> after their run should have ended (<see cref="InactivationBatch.OverdueRule"/>).
/// Set-based; running it twice flags nothing new.
/// </summary>
public sealed record FlagOverdueInactivations(TimeSpan Grace) : ICommand<int>;

public sealed class FlagOverdueInactivationsHandler(ILimsDbContext db, IAuditTrail audit, TimeProvider time) : ICommandHandler<FlagOverdueInactivations, int>
{
    public async ValueTask<int> Handle(FlagOverdueInactivations command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flagged = 0;
        foreach (var method in Enum.GetValues<InactivationMethod>())
            flagged += await db.InactivationBatches.Where(InactivationBatch.IsOverdue(method, now, command.Grace))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.OverdueSince, now).SetProperty(b => b.Version, b => b.Version + 1), cancellationToken);
        if (flagged > 0)
        {
            // Set-based: one event for the pass, in its transaction.
            audit.Record("flagged overdue", "inactivation-batch", "*", null, new { batches = flagged, overdueSince = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        return flagged;
    }
}

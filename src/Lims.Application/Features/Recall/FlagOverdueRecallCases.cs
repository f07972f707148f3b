using Lims.Application.Abstractions;
using Lims.Domain.Pools.Recall;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>Flags open recall cases past their deadline (<see cref="RecallCase.IsOverdue"/>). Set-based; running it twice flags nothing new.</summary>
public sealed record FlagOverdueRecallCases : ICommand<int>;

public sealed class FlagOverdueRecallCasesHandler(ILimsDbContext db, IAuditTrail audit, TimeProvider time) : ICommandHandler<FlagOverdueRecallCases, int>
{
    public async ValueTask<int> Handle(FlagOverdueRecallCases command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flagged = await db.RecallCases.Where(RecallCase.IsOverdue(now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueSince, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (flagged > 0)
        {
            // Set-based: one event for the pass, in its transaction.
            audit.Record("flagged overdue", "recall-case", "*", null, new { cases = flagged, overdueSince = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        return flagged;
    }
}

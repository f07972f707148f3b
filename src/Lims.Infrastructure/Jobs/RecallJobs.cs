using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>
/// Recurring: opens the recall of positive pools that have none (a case the run import could not open) and flags
/// open cases past their deadline. Thin, idempotent, safe to run twice.
/// </summary>
public sealed class RecallJob(ISender sender, ICurrentActor actor, ILogger<RecallJob> logger)
{
    public const string Id = "recall-cases";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        actor.Set("job:" + Id);
        var opened = await sender.Send(new OpenRecallCases(null, actor.Name), cancellationToken);
        if (opened.Count > 0) logger.LogWarning("{Count} recall cases of positive pools were opened by the sweeping job", opened.Count);
        var overdue = await sender.Send(new FlagOverdueRecallCases(), cancellationToken);
        if (overdue > 0) logger.LogWarning("{Count} recall cases are open past their deadline and were flagged", overdue);
    }
}

using Lims.Application.Abstractions;
using Lims.Application.Features.Inactivation;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>Recurring: flags inactivation batches left open past their time. Thin, set-based, safe to run twice.</summary>
public sealed class FlagOverdueInactivationsJob(ISender sender, ICurrentActor actor, IConfiguration configuration, ILogger<FlagOverdueInactivationsJob> logger)
{
    public const string Id = "flag-overdue-inactivations";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        actor.Set("job:" + Id);
        var grace = TimeSpan.FromMinutes(configuration.GetValue("Lims:Inactivation:OverdueGraceMinutes", 30));
        var flagged = await sender.Send(new FlagOverdueInactivations(grace), cancellationToken);
        if (flagged > 0) logger.LogWarning("{Count} inactivation batches are open past their time and were flagged", flagged);
    }
}

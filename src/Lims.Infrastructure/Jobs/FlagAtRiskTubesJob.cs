using Lims.Application.Abstractions;
using Lims.Application.Features.Tubes;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>Recurring: flags tubes that will miss their due time. Thin, set-based, safe to run twice.</summary>
public sealed class FlagAtRiskTubesJob(ISender sender, ICurrentActor actor, IConfiguration configuration, ILogger<FlagAtRiskTubesJob> logger)
{
    public const string Id = "flag-at-risk-tubes";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        actor.Set("job:" + Id);
        var fraction = configuration.GetValue("Lims:Turnaround:WarningFraction", 0.25);
        var flagged = await sender.Send(new FlagAtRiskTubes(fraction), cancellationToken);
        if (flagged > 0) logger.LogWarning("{Count} tubes will miss their due time and were flagged at risk", flagged);
    }
}

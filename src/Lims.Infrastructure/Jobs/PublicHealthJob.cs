using Lims.Application.Features.PublicHealth;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>
/// Recurring: sends the positives not yet reported to public health (in batches) and flags those unsent past the
/// deadline after their release. Without an endpoint it only flags.
/// </summary>
public sealed class PublicHealthJob(ISender sender, ILogger<PublicHealthJob> logger)
{
    public const string Id = "public-health";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SendPublicHealthNotifications(), cancellationToken);
        if (result.Sent > 0) logger.LogInformation("{Count} positives were reported to public health", result.Sent);
        if (result.Failed > 0) logger.LogWarning("Reporting {Count} positives to public health failed; the next run tries again", result.Failed);
        var overdue = await sender.Send(new FlagOverduePublicHealthNotifications(), cancellationToken);
        if (overdue > 0)
            logger.LogWarning("{Count} positives are not reported to public health past their deadline and were flagged{Why}", overdue,
                result.Configured ? "" : " (Lims:PublicHealth:Endpoint is not set)");
    }
}

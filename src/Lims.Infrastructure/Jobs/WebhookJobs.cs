using Hangfire;
using Lims.Application.Abstractions;
using Lims.Application.Features.Webhooks;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>
/// One attempt of one webhook delivery (one release's results for one submitter — never one tube). Hangfire's own
/// retries are off: the attempt records its failure and schedules the next one with the configured back-off.
/// </summary>
public sealed class WebhookDeliveryJob(ISender sender, ILogger<WebhookDeliveryJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid delivery, int attempt, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DeliverWebhook(delivery, attempt), cancellationToken);
        switch (result.Outcome)
        {
            case "retry-scheduled":
                logger.LogInformation("Webhook delivery {Delivery} attempt {Attempt} failed ({Error}); next attempt in {Delay}", delivery, attempt, result.Error, result.RetryIn);
                break;
            case "dead":
                logger.LogWarning("Webhook delivery {Delivery} is dead after attempt {Attempt}: {Error}", delivery, attempt, result.Error);
                break;
        }
    }
}

/// <summary>Recurring: enqueues the webhook attempts that were never picked up (a crash between a release's commit and its enqueue).</summary>
public sealed class WebhookSweepJob(ISender sender, ILogger<WebhookSweepJob> logger)
{
    public const string Id = "webhook-sweep";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var swept = await sender.Send(new SweepWebhookDeliveries(), cancellationToken);
        if (swept.Count > 0) logger.LogWarning("{Count} webhook deliveries were never picked up and were enqueued again", swept.Count);
    }
}

/// <summary>Hands webhook attempts to Hangfire: enqueued now, or scheduled after their back-off.</summary>
public sealed class HangfireWebhookDispatcher(IBackgroundJobClient jobs, ILogger<HangfireWebhookDispatcher> logger) : IWebhookDispatcher
{
    public void Dispatch(Guid delivery, int attempt, TimeSpan delay)
    {
        try
        {
            if (delay <= TimeSpan.Zero) jobs.Enqueue<WebhookDeliveryJob>(j => j.RunAsync(delivery, attempt, CancellationToken.None));
            else jobs.Schedule<WebhookDeliveryJob>(j => j.RunAsync(delivery, attempt, CancellationToken.None), delay);
        }
        catch (Exception e)
        {
            // The delivery stays pending in the database: the sweeper enqueues it.
            logger.LogWarning(e, "Webhook delivery {Delivery} attempt {Attempt} could not be handed to the job storage; the sweeper will", delivery, attempt);
        }
    }
}

using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.PublicHealth;
using Lims.Application.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>
/// Results pushed out: a submitter's webhook (its URL and signing secret) and its deliveries with the dead-letter list;
/// the lab's view of every submitter's deliveries, and of the positives reported to public health.
/// </summary>
public static class WebhookEndpoints
{
    public sealed record WebhookRequest(string? Url);

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var submitter = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        submitter.MapPut("/", Register).Produces<WebhookView>(StatusCodes.Status201Created).Produces<WebhookView>()
            .Problems(StatusCodes.Status400BadRequest).WithSummary("Register your webhook URL (or replace it): the answer carries a new signing secret, shown this once.");
        submitter.MapGet("/", Get).Problems(StatusCodes.Status404NotFound).WithSummary("Your webhook, its secret masked.");
        submitter.MapDelete("/", Remove).Problems(StatusCodes.Status404NotFound).WithSummary("Remove your webhook: nothing more is sent.");
        submitter.MapGet("/deliveries", ListOwn).Problems(StatusCodes.Status400BadRequest).WithSummary("Your deliveries, newest first (?state=pending|delivered|dead: dead is the dead-letter list).");
        submitter.MapPost("/deliveries/{id}/retry", RetryOwn).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("One more attempt, now, of a dead delivery.");

        var lab = app.MapGroup("/api/v1/lab").WithTags("Lab outbound").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapGet("/webhooks/deliveries", List).Problems(StatusCodes.Status400BadRequest).WithSummary("Every submitter's webhook deliveries, newest first (?state=pending|delivered|dead).");
        lab.MapGet("/webhooks/dead", ListDead).WithSummary("The dead-letter list: deliveries whose every attempt failed.");
        lab.MapPost("/webhooks/deliveries/{id}/retry", Retry).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("One more attempt, now, of a dead delivery.");
        lab.MapGet("/public-health", PublicHealth).Problems(StatusCodes.Status400BadRequest).WithSummary("Positives to report to public health, latest release first (?state=pending|sent|failed|overdue).");
    }

    private static async Task<IResult> Register(WebhookRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var registration = await sender.Send(new RegisterWebhook(http.User.SubmitterId(), request.Url), cancellationToken);
        return registration.Created ? TypedResults.Created("/api/v1/webhooks", registration.Webhook) : TypedResults.Ok(registration.Webhook);
    }

    private static async Task<Ok<WebhookView>> Get(HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWebhook(http.User.SubmitterId()), cancellationToken));

    private static async Task<NoContent> Remove(HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveWebhook(http.User.SubmitterId()), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryView>>> ListOwn(string? state, int? limit, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(http.User.SubmitterId(), state, limit ?? 200), cancellationToken));

    private static async Task<Accepted<WebhookDeliveryView>> RetryOwn(Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await sender.Send(new RetryWebhookDelivery(id, http.User.SubmitterId(), http.User.Actor()), cancellationToken));

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryView>>> List(string? state, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(null, state, limit ?? 200), cancellationToken));

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryView>>> ListDead(int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(null, "dead", limit ?? 200), cancellationToken));

    private static async Task<Accepted<WebhookDeliveryView>> Retry(Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await sender.Send(new RetryWebhookDelivery(id, null, http.User.Actor()), cancellationToken));

    private static async Task<Ok<IReadOnlyList<PublicHealthNotificationView>>> PublicHealth(string? state, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListPublicHealthNotifications(state, limit ?? 200), cancellationToken));
}

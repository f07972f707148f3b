using Lims.Api.Auth;
using Lims.Application.Features.Dashboard;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Figures for the lab's screens, for whoever works at the bench (lab stations and staff, as <c>/api/v1/lab</c>).</summary>
public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        dashboard.MapGet("/tat", Turnaround).ProducesValidationProblem()
            .WithSummary("Turnaround of the tubes collected in [from, to) (ISO 8601 times with offset; default the last 24 h, at most 31 days): " +
                "p50/p90/p95/p99 in seconds per stage and priority (nearest rank), tubes released late and open past due, positivity per site and day.");
    }

    private static async Task<Ok<TurnaroundView>> Turnaround(string? from, string? to, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTurnaround(from, to), cancellationToken));
}

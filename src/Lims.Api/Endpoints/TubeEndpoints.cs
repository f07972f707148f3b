using Lims.Api.Auth;
using Lims.Application.Features.Tubes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

public static class TubeEndpoints
{
    public static RouteGroupBuilder MapTubeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tubes").WithTags("Tubes").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        group.MapGet("/{barcode}", Get).WithSummary("A tube of yours: status, history of state changes, members masked.");
        return group;
    }

    private static async Task<Results<Ok<TubeView>, ProblemHttpResult>> Get(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetTube(http.User.SubmitterId(), barcode), cancellationToken) is { } tube
            ? TypedResults.Ok(tube)
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no tube {barcode} of yours.");
}

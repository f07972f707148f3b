using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Tubes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

public static class TubeEndpoints
{
    public static RouteGroupBuilder MapTubeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tubes").WithTags("Tubes").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        group.MapGet("/{barcode}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("A tube of yours: status, history of state changes, members masked.");
        return group;
    }

    private static async Task<Ok<TubeView>> Get(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTube(http.User.SubmitterId(), barcode), cancellationToken));
}

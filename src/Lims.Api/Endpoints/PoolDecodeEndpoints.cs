using Lims.Api.Auth;
using Lims.Application.Features.Pooling;
using Lims.Domain.Pools.Decoding;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>
/// Decoding pool results against a design sent with them (nothing is stored): the same inputs and answer as
/// <c>lims pool decode --json</c>.
/// </summary>
public static class PoolDecodeEndpoints
{
    public sealed record DecodeRequest(IReadOnlyList<PoolMembership?>? Design, IReadOnlyList<PoolReading?>? Results, double? CtCutoff, int? DilutionCap);

    public static void MapPoolDecodeEndpoints(this IEndpointRouteBuilder app)
    {
        var pooling = app.MapGroup("/api/v1/pooling").WithTags("Pooling").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        pooling.MapPost("/decode", Decode)
            .WithSummary("Decode pool results against a design (COMP, DD, SCOMP): definite and possible positives, negatives, unexplained positive pools, retests most likely first.")
            .WithDescription("A pool of the design without a result is not tested: it clears none of its samples and is listed under untestedPools. A null Ct is negative; a Ct below ctCutoff (default 40) is positive. Samples that are registered pooled tubes count as their swabs.")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<PoolDecodeReport>> Decode(DecodeRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DecodePools(request.Design, request.Results, request.CtCutoff, DilutionCap: request.DilutionCap), cancellationToken));
}

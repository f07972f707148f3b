using Lims.Api.Auth;
using Lims.Domain.Common;
using Lims.Domain.Pools.Decoding;
using Lims.Application.Features.Pooling;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>
/// Decoding pool results against a design sent with them (nothing is stored): the same inputs and answer as
/// <c>lims pool decode --json</c>.
/// </summary>
public static class PoolDecodeEndpoints
{
    public sealed record Membership(string? Pool, string? Sample);

    public sealed record PoolResult(string? Pool, double? Ct);

    public sealed record DecodeRequest(IReadOnlyList<Membership?>? Design, IReadOnlyList<PoolResult?>? Results, double? CtCutoff);

    public static void MapPoolDecodeEndpoints(this IEndpointRouteBuilder app)
    {
        var pooling = app.MapGroup("/api/v1/pooling").WithTags("Pooling").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        pooling.MapPost("/decode", Decode)
            .WithSummary("Decode pool results against a design (COMP, DD, SCOMP): definite and possible positives, negatives, unexplained positive pools, retests most likely first.")
            .WithDescription("A pool of the design without a result is not tested: it clears none of its samples and is listed under untestedPools. A null Ct is negative; a Ct below ctCutoff (default 40) is positive.")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<PoolDecodeReport>, ValidationProblem>> Decode(DecodeRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Design is not { Count: > 0 }) errors["design"] = ["The design is a non-empty list of memberships { \"pool\", \"sample\" }."];
        if (request.Results is null) errors["results"] = ["The results are a list of { \"pool\", \"ct\" } (a null Ct is negative)."];
        for (var i = 0; i < (request.Design?.Count ?? 0); i++)
            if (request.Design![i] is not { Sample: not null } membership || membership.Sample.Trim().Length == 0)
                errors[$"design[{i}]"] = ["A membership names a sample (and the pool it is in)."];
        for (var i = 0; i < (request.Results?.Count ?? 0); i++)
            if (request.Results![i] is not { Pool: not null } result || result.Pool.Trim().Length == 0)
                errors[$"results[{i}]"] = ["A result names its pool."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, detail: "The request is not valid.");

        // Samples that are registered pooled tubes count as their swabs (and are never pooled again).
        var swabs = await sender.Send(new SwabsOfTubes([.. request.Design!.Select(m => m!.Sample!.Trim())]), cancellationToken);
        try
        {
            return TypedResults.Ok(PoolDecodeReport.Decode(
                request.Design!.Select(m => (m!.Pool?.Trim() ?? "", m.Sample!.Trim())),
                request.Results!.Select(r => (r!.Pool!.Trim(), r.Ct)),
                request.CtCutoff ?? PoolResults.DefaultCtCutoff, swabs: swabs));
        }
        catch (DomainException e)
        {
            var field = e.Code switch
            {
                "unknown-pool" or "duplicate-result" or "invalid-ct" => "results",
                "invalid-ct-cutoff" => "ctCutoff",
                _ => "design",
            };
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [e.Message] }, detail: e.Message,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }
}

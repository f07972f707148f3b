using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Inactivation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Inactivation batches at the bench: start with received tubes, load more, complete (a short run with a senior reviewer's signed override).</summary>
public static class InactivationEndpoints
{
    public sealed record StartRequest(string? Code, string? Method, string? Equipment, string? Operator, IReadOnlyList<string>? Tubes);

    public sealed record LoadRequest(IReadOnlyList<string>? Tubes);

    /// <param name="UserName">With <paramref name="Password"/>: the senior reviewer who signs a short run's override.</param>
    public sealed record CompleteRequest(string? OverrideReason, string? UserName, string? Password);

    public static void MapInactivationEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/v1/lab/inactivations").WithTags("Lab inactivation").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapPost("/", Start).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Start an inactivation batch (heat 56 °C 30 min by default, or chemical); idempotent by batch code.");
        lab.MapGet("/{code}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("An inactivation batch.");
        lab.MapPost("/{code}/tubes", Load).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Add received tubes to an open batch.");
        lab.MapPost("/{code}/complete", Complete).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("End the run and inactivate its tubes; a short run needs an override reason signed by a senior reviewer (userName, password).");
    }

    private static async Task<Created<InactivationView>> Start(StartRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var batch = await sender.Send(new StartInactivation(request.Code ?? "", request.Method ?? "heat", request.Equipment ?? "", request.Operator,
            request.Tubes ?? [], http.User.Actor()), cancellationToken);
        return TypedResults.Created($"/api/v1/lab/inactivations/{batch.Code}", batch);
    }

    private static async Task<Ok<InactivationView>> Get(string code, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetInactivation(code), cancellationToken));

    private static async Task<Ok<InactivationView>> Load(string code, LoadRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new LoadInactivation(code, request.Tubes ?? []), cancellationToken));

    private static async Task<Ok<InactivationView>> Complete(string code, CompleteRequest? request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CompleteInactivation(code, request?.OverrideReason, http.User.Actor(), request?.UserName, request?.Password), cancellationToken));
}

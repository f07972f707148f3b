using Lims.Api.Auth;
using Lims.Application.Features.Inactivation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Inactivation batches at the bench: start with received tubes, load more, complete (with an override reason if the run was short).</summary>
public static class InactivationEndpoints
{
    public sealed record StartRequest(string? Code, string? Method, string? Equipment, string? Operator, IReadOnlyList<string>? Tubes);

    public sealed record LoadRequest(IReadOnlyList<string>? Tubes);

    public sealed record CompleteRequest(string? OverrideReason);

    public static void MapInactivationEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/v1/lab/inactivations").WithTags("Lab inactivation").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapPost("/", Start).WithSummary("Start an inactivation batch (heat 56 °C 30 min by default, or chemical); idempotent by batch code.");
        lab.MapGet("/{code}", Get).WithSummary("An inactivation batch.");
        lab.MapPost("/{code}/tubes", Load).WithSummary("Add received tubes to an open batch.");
        lab.MapPost("/{code}/complete", Complete).WithSummary("End the run and inactivate its tubes; a short run needs an override reason.");
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
        TypedResults.Ok(await sender.Send(new CompleteInactivation(code, request?.OverrideReason, http.User.Actor()), cancellationToken));
}

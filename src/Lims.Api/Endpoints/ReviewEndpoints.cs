using System.Security.Claims;
using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Results;
using Lims.Application.Features.Reviews;
using Mediator;

namespace Lims.Api.Endpoints;

public static class ReviewEndpoints
{
    public sealed record SignatureRequest(string? Password);
    public sealed record OverrideRequest(string? Tube, string? Call, string? Reason, string? Password);
    public sealed record RetestRequest(IReadOnlyList<string>? Tubes, string? Reason);

    public static void MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/v1/review/plates").WithTags("Review").RequireAuthorization(StaffAuthentication.ReviewPolicy);
        review.MapGet("/", async (bool? all, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReviewQueue(all ?? false), ct)));
        review.MapGet("/{plate}", async (string plate, bool? curves, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPlateReview(plate, curves ?? false), ct))).Problems(StatusCodes.Status404NotFound);
        review.MapPost("/{plate}/approve", async (string plate, SignatureRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ApprovePlate(plate, user.Identity!.Name!, body.Password ?? ""), ct)))
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        review.MapPost("/{plate}/override", async (string plate, OverrideRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new OverrideCall(plate, body.Tube ?? "", body.Call ?? "", body.Reason ?? "", user.Identity!.Name!, body.Password ?? ""), ct)))
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        review.MapPost("/{plate}/retest", async (string plate, RetestRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SendToRetest(plate, body.Tubes ?? [], body.Reason ?? "", user.Identity!.Name!), ct)))
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        review.MapPost("/{plate}/release", async (string plate, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ReleasePlate(plate, user.Identity!.Name!), ct)))
            .Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        var results = app.MapGroup("/api/v1/results").WithTags("Results").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        results.MapGet("/", async (long? after, int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetResults(user.SubmitterId(), after ?? 0, limit ?? 100), ct)));
    }
}

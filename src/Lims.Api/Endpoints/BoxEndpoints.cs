using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Receiving;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Submitters ship boxes of their tubes; the lab scans them in, closes them with a reconciliation, and rejects tubes.</summary>
public static class BoxEndpoints
{
    public sealed record ShipBoxRequest(string? Barcode, int? DeclaredCount, IReadOnlyList<string>? Tubes);

    public sealed record ScanRequest(string? Tube, Guid? ScanId);

    public sealed record RejectionRequest(string? Reason, string? Note);

    public sealed record ResolutionRequest(string? Resolution, string? Note);

    public static void MapBoxEndpoints(this IEndpointRouteBuilder app)
    {
        var submitter = app.MapGroup("/api/v1/boxes").WithTags("Boxes").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        submitter.MapPost("/", Ship).Produces<BoxView>(StatusCodes.Status201Created).Produces<BoxView>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict).WithSummary("Pack registered tubes into a sealed box and ship it (idempotent by box barcode).");
        submitter.MapGet("/{barcode}", GetOwn).Problems(StatusCodes.Status404NotFound).WithSummary("A box of yours, with what the lab scanned and found.");

        var lab = app.MapGroup("/api/v1/lab").WithTags("Lab receiving").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapGet("/boxes/{barcode}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("A box as the lab sees it.");
        lab.MapPost("/boxes/{barcode}/scans", Scan).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Scan one tube into the box; a retried scan (same scanId) changes nothing, a scan without scanId is a physical scan of its own.");
        lab.MapPost("/boxes/{barcode}/close", Close).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Close the box: every missing, extra, unknown and duplicate barcode is listed.");
        lab.MapPost("/boxes/{barcode}/discrepancies/{number}/resolution", Resolve)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Resolve a discrepancy of a closed box, once: missing lost|found, extra received|returned, unknown returned|destroyed, duplicate and count-mismatch acknowledged.");
        lab.MapPost("/tubes/{barcode}/rejection", Reject).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Reject a tube at receipt: leaking, unlabelled, over-capacity, wrong-container, unknown, or other with a note.");
    }

    private static async Task<IResult> Ship(ShipBoxRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ShipBox(http.User.SubmitterId(), http.User.Actor(), request.Barcode ?? "", request.DeclaredCount ?? 0, request.Tubes ?? []), cancellationToken);
        if (result.Replayed) http.Response.Headers[BatchEndpoints.ReplayedHeader] = "true";
        return result.Replayed
            ? TypedResults.Ok(result.Box)
            : TypedResults.Created($"/api/v1/boxes/{result.Box.Barcode}", result.Box);
    }

    private static async Task<Ok<BoxView>> GetOwn(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBox(barcode, http.User.SubmitterId()), cancellationToken));

    private static async Task<Ok<BoxView>> Get(string barcode, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBox(barcode, null), cancellationToken));

    private static async Task<Ok<ScanResult>> Scan(string barcode, ScanRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ScanTube(barcode, request.ScanId, request.Tube ?? "", http.User.Actor()), cancellationToken));

    private static async Task<Ok<BoxView>> Close(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CloseBox(barcode, http.User.Actor()), cancellationToken));

    private static async Task<Ok<BoxView>> Resolve(string barcode, int number, ResolutionRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResolveDiscrepancy(barcode, number, request.Resolution ?? "", request.Note, http.User.Actor()), cancellationToken));

    private static async Task<Ok<RejectedTube>> Reject(string barcode, RejectionRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RejectTube(barcode, request.Reason ?? "", request.Note, http.User.Actor()), cancellationToken));
}

using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Recall;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Recall cases of positive pools: submitters see their own (whom to swab again, with the tube barcodes ordered); the lab sees all.</summary>
public static class RecallEndpoints
{
    public static void MapRecallEndpoints(this IEndpointRouteBuilder app)
    {
        var submitter = app.MapGroup("/api/v1/recalls").WithTags("Recalls").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        submitter.MapGet("/", ListOwn).Problems(StatusCodes.Status400BadRequest).WithSummary("Your recall cases, open ones first by deadline (?status=open|overdue|closed).");
        submitter.MapGet("/{id}", GetOwn).Problems(StatusCodes.Status404NotFound).WithSummary("One of your recall cases: each member masked, the barcode of the single tube to collect, the result once known.");

        var lab = app.MapGroup("/api/v1/lab/recalls").WithTags("Lab recalls").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapGet("/", List).Problems(StatusCodes.Status400BadRequest).WithSummary("Recall cases of every submitter, open ones first by deadline (?status=open|overdue|closed).");
        lab.MapGet("/{id}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("A recall case.");
    }

    private static async Task<Ok<IReadOnlyList<RecallCaseView>>> ListOwn(string? status, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListRecallCases(http.User.SubmitterId(), status), cancellationToken));

    private static async Task<Ok<RecallCaseView>> GetOwn(Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetRecallCase(id, http.User.SubmitterId()), cancellationToken));

    private static async Task<Ok<IReadOnlyList<RecallCaseView>>> List(string? status, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListRecallCases(null, status), cancellationToken));

    private static async Task<Ok<RecallCaseView>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetRecallCase(id, null), cancellationToken));
}

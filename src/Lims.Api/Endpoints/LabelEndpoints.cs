using Lims.Api.Auth;
using Lims.Api.Hosting;
using Lims.Application.Features.Labels;
using Lims.Infrastructure.Labels;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Lims.Api.Endpoints;

/// <summary>Ranges of new barcodes issued for printing, and labels: of an issued range, or for barcodes that exist already.</summary>
public static class LabelEndpoints
{
    /// <param name="Submitter">The code of the submitter the range is for: it may fetch the range and its labels.</param>
    public sealed record IssueRangeRequest(string? Prefix, int? Count, string? Kind, string? Purpose, string? Submitter);

    public sealed record LabelsRequest(string? Kind, string? Format, IReadOnlyList<string?>? Barcodes, int? Dpi);

    public static void MapLabelEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/v1/lab").WithTags("Lab labels").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapPost("/barcode-ranges", Issue).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)
            .WithSummary("Issue a range of new barcodes for a prefix, after every barcode issued for it before; an Idempotency-Key makes a retry answer the same range.");
        lab.MapGet("/barcode-ranges/{id}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("An issued range.");
        lab.MapGet("/barcode-ranges/{id}/labels", RangeLabels)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/svg+xml", "text/plain"])
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("The labels of an issued range as ZPL, SVG or a PDF of A4 sheets (?format=zpl|svg|pdf, ZPL for a printer of ?dpi=152|203|300|600), streamed label by label.");

        var submitter = app.MapGroup("/api/v1/barcode-ranges").WithTags("Labels").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        submitter.MapGet("/{id}", GetOwn).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).WithSummary("A range the lab issued to you.");
        submitter.MapGet("/{id}/labels", OwnRangeLabels)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/svg+xml", "text/plain"])
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("The labels of a range the lab issued to you, as the lab gets them (?format=zpl|svg|pdf&dpi=…); another's range is not found.");
        lab.MapPost("/labels", Labels)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/svg+xml", "text/plain"])
            .Problems(StatusCodes.Status400BadRequest)
            .WithSummary("Labels for 1 to 10,000 existing barcodes (reprints, boxes, plates); bad barcodes are answered with their index.");
    }

    private static async Task<Created<BarcodeRangeView>> Issue(IssueRangeRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers.TryGetValue(BatchEndpoints.IdempotencyKeyHeader, out var header) ? header.ToString() : null;
        var result = await sender.Send(
            new IssueBarcodeRange(request.Prefix, request.Count ?? 0, request.Kind, request.Purpose, key, http.User.Actor(), request.Submitter), cancellationToken);
        if (result.Replayed) http.Response.Headers[BatchEndpoints.ReplayedHeader] = "true";
        return TypedResults.Created($"/api/v1/lab/barcode-ranges/{result.Range.Id}", result.Range);
    }

    private static async Task<Ok<BarcodeRangeView>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBarcodeRange(id), cancellationToken));

    private static async Task<IResult> RangeLabels(Guid id, string? format, int? dpi, ISender sender, CancellationToken cancellationToken) =>
        new LabelFileResult(await sender.Send(new GetBarcodeRangeLabels(id, format, dpi), cancellationToken));

    private static async Task<Ok<BarcodeRangeView>> GetOwn(Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBarcodeRange(id, http.User.SubmitterId()), cancellationToken));

    private static async Task<IResult> OwnRangeLabels(Guid id, string? format, int? dpi, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        new LabelFileResult(await sender.Send(new GetBarcodeRangeLabels(id, format, dpi, http.User.SubmitterId()), cancellationToken));

    private static async Task<IResult> Labels(LabelsRequest request, ISender sender, CancellationToken cancellationToken) =>
        new LabelFileResult(await sender.Send(new PrepareLabels(request.Kind, request.Format, request.Barcodes, request.Dpi), cancellationToken));

    /// <summary>
    /// Writes the labels to the response body as they are rendered: ZPL and SVG label by label, PDF page by page. The job
    /// was checked before, so nothing is refused once the first bytes are out; a client that goes away stops the rendering.
    /// </summary>
    private sealed class LabelFileResult(LabelJob job) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var format = LabelRenderer.FormatNamed(job.Format)!.Value;
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = LabelRenderer.ContentType(format);
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = job.Name + LabelRenderer.Extension(format),
            }.ToString();
            await LabelRenderer.WriteAsync(http.Response.Body, format, Label.For(job.Kind, job.Barcodes), new LabelOptions { Dpi = job.Dpi }, http.RequestAborted);
        }
    }
}

using Lims.Api.Auth;
using Lims.Application.Features.Labels;
using Lims.Infrastructure.Labels;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Lims.Api.Endpoints;

/// <summary>Ranges of new barcodes issued for printing, and labels: of an issued range, or for barcodes that exist already.</summary>
public static class LabelEndpoints
{
    public sealed record IssueRangeRequest(string? Prefix, int? Count, string? Kind, string? Purpose);

    public sealed record LabelsRequest(string? Kind, string? Format, IReadOnlyList<string?>? Barcodes);

    public static void MapLabelEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/v1/lab").WithTags("Lab labels").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapPost("/barcode-ranges", Issue)
            .WithSummary("Issue a range of new barcodes for a prefix, after every barcode issued for it before; an Idempotency-Key makes a retry answer the same range.");
        lab.MapGet("/barcode-ranges/{id:guid}", Get).WithSummary("An issued range.");
        lab.MapGet("/barcode-ranges/{id:guid}/labels", RangeLabels)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/svg+xml", "text/plain"])
            .WithSummary("The labels of an issued range as ZPL, SVG or a PDF of A4 sheets (?format=zpl|svg|pdf), streamed label by label.");
        lab.MapPost("/labels", Labels)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/svg+xml", "text/plain"])
            .WithSummary("Labels for 1 to 10,000 existing barcodes (reprints, boxes, plates); bad barcodes are answered with their index.");
    }

    private static async Task<Created<BarcodeRangeView>> Issue(IssueRangeRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers.TryGetValue(BatchEndpoints.IdempotencyKeyHeader, out var header) ? header.ToString() : null;
        var result = await sender.Send(
            new IssueBarcodeRange(request.Prefix, request.Count ?? 0, request.Kind, request.Purpose, key, http.User.Actor()), cancellationToken);
        if (result.Replayed) http.Response.Headers[BatchEndpoints.ReplayedHeader] = "true";
        return TypedResults.Created($"/api/v1/lab/barcode-ranges/{result.Range.Id}", result.Range);
    }

    private static async Task<Ok<BarcodeRangeView>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBarcodeRange(id), cancellationToken));

    private static async Task<IResult> RangeLabels(Guid id, string? format, ISender sender, CancellationToken cancellationToken) =>
        new LabelFileResult(await sender.Send(new GetBarcodeRangeLabels(id, format), cancellationToken));

    private static async Task<IResult> Labels(LabelsRequest request, ISender sender, CancellationToken cancellationToken) =>
        new LabelFileResult(await sender.Send(new PrepareLabels(request.Kind, request.Format, request.Barcodes), cancellationToken));

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
            await LabelRenderer.WriteAsync(http.Response.Body, format, Label.For(job.Kind, job.Barcodes), LabelOptions.Default, http.RequestAborted);
        }
    }
}

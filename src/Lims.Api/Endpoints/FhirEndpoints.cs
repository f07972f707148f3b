using Lims.Api.Hosting;
using Lims.Api.Auth;
using Lims.Application.Features.Batches;
using Lims.Application.Features.Results;
using Lims.Infrastructure.Fhir;
using Mediator;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Lims.Api.Endpoints;

/// <summary>HL7 FHIR R4: a batch submitted as a transaction Bundle.</summary>
public static class FhirEndpoints
{
    public static RouteGroupBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/fhir").WithTags("FHIR").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        // The body is described by a transformer rather than .Accepts(): a wrong content type is a 400 problem here, not a 415.
        group.MapPost("/", Transaction)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "A FHIR R4 Bundle of type transaction: Patient, Specimen and ServiceRequest entries (see the README).",
                    Content = new Dictionary<string, OpenApiMediaType> { [FhirJson.MediaType] = new() },
                };
                return Task.CompletedTask;
            })
            .Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Register a batch sent as a FHIR transaction Bundle; the answer is a transaction-response Bundle, entry by entry.");

        // Released results as DiagnosticReports (one per person with a final result) with their Observations, paged like /api/v1/results.
        group.MapGet("/DiagnosticReport", async (long? after, int? limit, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var page = await sender.Send(new GetResults(http.User.SubmitterId(), after ?? 0, limit ?? 100), ct);
            // Bundle links are absolute URLs (FHIR R4 Bundle.link.url), on the address the client called.
            var search = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/v1/fhir/DiagnosticReport";
            var size = limit is { } l ? $"&limit={l}" : "";
            return FhirResults.ToResult(page.Results, $"{search}?after={after ?? 0}{size}", page.More ? $"{search}?after={page.Next}{size}" : null);
        }).Produces(StatusCodes.Status200OK, contentType: FhirJson.MediaType).WithSummary("Your released results as a searchset Bundle of DiagnosticReports with Observations (LOINC 94500-6, Ct values in {Ct_value}).");
        return group;
    }

    private static async Task<IResult> Transaction(HttpContext http, ISender sender, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!IsFhirJson(http.Request.ContentType))
            throw new BadHttpRequestException($"The body must be FHIR JSON with Content-Type {FhirJson.MediaType}, not '{http.Request.ContentType}'.");

        var limit = configuration.GetValue("Lims:Api:MaxBatchBytes", 64L * 1024 * 1024);
        var body = await http.Request.ReadBodyAsync(limit, "send fewer tubes per Bundle", cancellationToken);
        var result = await sender.Send(
            new RegisterFhirBatch(http.User.SubmitterId(), http.User.Actor(), http.Request.Headers[BatchEndpoints.IdempotencyKeyHeader].ToString(), body),
            cancellationToken);
        if (result.Replayed) http.Response.Headers[BatchEndpoints.ReplayedHeader] = "true";
        return Results.Bytes(result.Answer, FhirJson.MediaType + "; charset=utf-8");
    }

    /// <summary>application/fhir+json, or plain application/json as FHIR servers also take.</summary>
    private static bool IsFhirJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals(FhirJson.MediaType, StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}

using Lims.Api.Hosting;
using System.Security.Cryptography;
using Lims.Api.Auth;
using Lims.Application.Features.Batches;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Lims.Api.Endpoints;

public static class BatchEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/batches").WithTags("Batches").RequireAuthorization(ApiKeyAuthenticationHandler.SubmitterPolicy);
        // The request body is documented by a transformer rather than .Accepts<T>(): Accepts makes
        // routing answer a wrong content type with 415, where this API answers 400 problem details.
        group.MapPost("/", Register)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(BatchRequest), null, cancellationToken) },
                },
            })
            .Produces<BatchReceipt>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Register a batch of tubes: good tubes are accepted, bad ones listed with every reason.");
        group.MapGet("/{batchId}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("A batch of yours: its receipt and where each tube stands.");
        return group;
    }

    /// <remarks>
    /// The body is read here rather than bound, so that a wrong content type or malformed JSON is a
    /// 400 problem, a body over the limit a 413, and the idempotency hash covers the exact bytes sent.
    /// </remarks>
    private static async Task<IResult> Register(HttpContext http, ISender sender, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
            throw new BadHttpRequestException($"The body must be JSON with Content-Type application/json, not '{http.Request.ContentType}'.");

        var limit = configuration.GetValue("Lims:Api:MaxBatchBytes", 64L * 1024 * 1024);
        var body = await http.Request.ReadBodyAsync(limit, "send fewer tubes per batch", cancellationToken);
        var batch = BatchJson.Read(body);
        var command = new RegisterBatch(http.User.SubmitterId(), http.User.Actor(), http.Request.Headers[IdempotencyKeyHeader].ToString(), SHA256.HashData(body), batch);
        var result = await sender.Send(command, cancellationToken);
        if (result.Replayed) http.Response.Headers[ReplayedHeader] = "true";
        return TypedResults.Created($"/api/v1/batches/{result.Receipt.BatchId}", result.Receipt);
    }

    private static async Task<Ok<BatchView>> Get(Guid batchId, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBatch(http.User.SubmitterId(), batchId), cancellationToken));
}

using Lims.Api.Auth;
using Lims.Application.Features.Kits;
using Lims.Application.Abstractions;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Runs;
using Lims.Infrastructure.Instruments;
using Lims.Api.Hosting;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Lims.Domain.Assays;
using Microsoft.OpenApi;

namespace Lims.Api.Endpoints;

/// <summary>Assay kits (data, versioned), plates (layout with the kit's controls, loaded by scan, sealed, exported) and their instrument runs.</summary>
public static class PlateEndpoints
{
    public sealed record CreatePlateRequest(string? Barcode, int? Size, string? Kit, string? KitVersion, string? FillOrder);

    public sealed record PlaceRequest(string? Tube, string? Well);

    public sealed record MoveRequest(string? From, string? To);

    public static void MapPlateEndpoints(this IEndpointRouteBuilder app)
    {
        var kits = app.MapGroup("/api/v1/lab/kits").WithTags("Lab kits").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        kits.MapGet("/", ListKits).WithSummary("Built-in kits and every version of the lab's own.");
        kits.MapPost("/", RegisterKit)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The kit's JSON definition (see the README).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(AssayKitDefinition), null, cancellationToken) },
                },
            })
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict).WithSummary("Add a kit from its JSON definition; a changed kit needs a new version.");

        var plates = app.MapGroup("/api/v1/lab/plates").WithTags("Lab plates").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        plates.MapPost("/", Create).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("A new 96- or 384-well plate for a kit, its controls in place; idempotent by barcode.");
        plates.MapGet("/{barcode}", Get).Problems(StatusCodes.Status404NotFound).WithSummary("A plate's layout.");
        plates.MapGet("/{barcode}/map.csv", Map).Produces(StatusCodes.Status200OK, contentType: "text/csv").Problems(StatusCodes.Status404NotFound).WithSummary("The plate map as CSV for the instrument's sample set-up.");
        plates.MapPost("/{barcode}/tubes", Place).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Place a tube: in the given well, or the next free one in fill order.");
        plates.MapPost("/{barcode}/moves", Move).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Move a tube or control to a free well before sealing.");
        plates.MapPost("/{barcode}/seal", Seal).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithSummary("Seal the plate: its layout is final.");
        plates.MapPost("/{barcode}/run", ImportRun)
            .WithSummary("Upload the instrument's result file for the sealed plate (raw body or multipart field 'file'): matched to the plate, interpreted, applied to its tubes. The same file again answers the first import.")
            .WithDescription("Send the file as the raw body (Content-Type application/octet-stream, name in Content-Disposition) or as the field 'file' of a multipart/form-data form.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The instrument's result file, as the raw body or the field 'file' of a form (at most 100 MB).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .Produces<RunView>(StatusCodes.Status201Created).Produces<RunView>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RunImportLimit.Policy);
        plates.MapGet("/{barcode}/run", GetRun).Problems(StatusCodes.Status404NotFound).WithSummary("The plate's run: QC, every tube's call and outcome, every well's targets (curves with ?curves=true).");
        plates.MapGet("/{barcode}/run/file", GetRunFile).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Problems(StatusCodes.Status404NotFound).WithSummary("The run's file exactly as uploaded.");
    }

    private static async Task<Ok<IReadOnlyList<KitView>>> ListKits(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListKits(), cancellationToken));

    private static async Task<Created<KitView>> RegisterKit(HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var kit = await sender.Send(new RegisterKit(await reader.ReadToEndAsync(cancellationToken), http.User.Actor()), cancellationToken);
        return TypedResults.Created($"/api/v1/lab/kits/{kit.Code}", kit);
    }

    private static async Task<Created<PlateView>> Create(CreatePlateRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var plate = await sender.Send(new CreatePlate(request.Barcode ?? "", request.Size ?? 96, request.Kit ?? "", request.KitVersion, request.FillOrder ?? "column", http.User.Actor()), cancellationToken);
        return TypedResults.Created($"/api/v1/lab/plates/{plate.Barcode}", plate);
    }

    private static async Task<Ok<PlateView>> Get(string barcode, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPlate(barcode), cancellationToken));

    private static async Task<ContentHttpResult> Map(string barcode, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Text((await sender.Send(new GetPlateMap(barcode), cancellationToken)).Csv, "text/csv");

    private static async Task<Ok<PlacedTube>> Place(string barcode, PlaceRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new PlaceTube(barcode, request.Tube ?? "", request.Well, http.User.Actor()), cancellationToken));

    private static async Task<Ok<PlateView>> Move(string barcode, MoveRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new MoveWell(barcode, request.From ?? "", request.To ?? ""), cancellationToken));

    private static async Task<IResult> ImportRun(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var file = await http.Request.ReadUploadedFileAsync(InstrumentFileReader.MaxFileBytes, "an instrument result file has at most 100 MB", cancellationToken);
        var result = await sender.Send(new ImportRun(barcode, file.Name, file.Content, http.User.Actor()), cancellationToken);
        if (result.Replayed)
        {
            http.Response.Headers[BatchEndpoints.ReplayedHeader] = "true";
            return TypedResults.Ok(result.Run);
        }
        return TypedResults.Created($"/api/v1/lab/plates/{result.Run.Plate}/run", result.Run);
    }

    private static async Task<Ok<RunView>> GetRun(string barcode, bool? curves, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetRun(barcode, curves ?? false), cancellationToken));

    private static async Task<FileContentHttpResult> GetRunFile(string barcode, ISender sender, CancellationToken cancellationToken)
    {
        var file = await sender.Send(new GetRunFile(barcode), cancellationToken);
        return TypedResults.File(file.Content, "application/octet-stream", file.Name);
    }

    private static async Task<Ok<PlateView>> Seal(string barcode, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SealPlate(barcode, http.User.Actor()), cancellationToken));
}

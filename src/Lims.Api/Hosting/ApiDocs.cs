using Lims.Api.Auth;
using Lims.Application.Features.Batches;
using Lims.Application.Features.Kits;
using Lims.Domain.Assays;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Lims.Api.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the API reference page on it (<c>/docs</c>, Scalar). What every
/// operation shares is declared here from the endpoint's own metadata, so that it cannot drift from what the server does:
/// its security (the API key and bearer schemes its authorization policy admits, or none for an anonymous one) with the
/// <c>401</c> and <c>403</c> problems that come with it, the <c>429</c> of a rate-limited one, and the <c>400</c> problem of
/// one that binds a body or typed parameters. Each endpoint declares its own answers (success and the problems of its
/// rules) where it is mapped.
/// </summary>
public static class ApiDocs
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddLimsOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Lims API";
            document.Info.Description = "Pooled SARS-CoV-2 PCR testing: hospitals register tubes and read results; the lab receives, plates, runs and reviews. " +
                "Errors are RFC 9457 problem details. See the README for every rule.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "A system's API key, sent as `Authorization: ApiKey <key>` (enter `ApiKey lims_…`): a submitter's " +
                    "(`lims apikey create --submitter CODE`) for the hospital endpoints, a lab station's (`lims apikey create --station NAME`) for the bench.",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A staff account's token: the `accessToken` of `POST /api/v1/auth/login`, sent as `Authorization: Bearer <token>`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= [];
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                // Declared, not left out: an empty requirement is "no credentials needed".
                operation.Security = [new OpenApiSecurityRequirement()];
            }
            else if (metadata.OfType<IAuthorizeData>().ToList() is { Count: > 0 } authorize)
            {
                var policy = authorize.Select(a => a.Policy).LastOrDefault(p => p is not null);
                operation.Security = [.. SchemesOf(policy).Select(scheme => new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [],
                })];
                AddProblem(operation, context.Document, StatusCodes.Status401Unauthorized, "No credentials, or credentials not valid.");
                if (policy is not null) AddProblem(operation, context.Document, StatusCodes.Status403Forbidden, "Credentials of another kind than this operation takes.");
            }
            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
                AddProblem(operation, context.Document, StatusCodes.Status429TooManyRequests, "Too many requests from this client: wait the Retry-After seconds.");
            var bindsInput = operation.RequestBody is not null
                || context.Description.ParameterDescriptions.Any(p => p.Type is not null && p.Type != typeof(string) && p.Source.Id is "Query" or "Path" or "Header");
            if (bindsInput && !operation.Responses.ContainsKey("400"))
                operation.Responses["400"] = new OpenApiResponse
                {
                    Description = "The request is not valid: `errors` names each field.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("HttpValidationProblemDetails", context.Document) } },
                };
            if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
                AddProblem(operation, context.Document, StatusCodes.Status415UnsupportedMediaType, "The body is not of the media type this operation takes.");
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            var type = context.JsonTypeInfo.Type;
            // A kit's definition is a JSON object: the document POST /api/v1/lab/kits takes.
            if (type == typeof(KitView) && schema.Properties is { } properties)
                properties["definition"] = await context.GetOrCreateSchemaAsync(typeof(AssayKitDefinition), null, cancellationToken);
            // The batch fields the README gives as optional (a member's phone is optional by its default value).
            if (type == typeof(BatchRequest)) schema.Required?.Remove("reference");
            if (type == typeof(TubeRequest))
            {
                schema.Required?.Remove("capacity");
                if (schema.Properties?.TryGetValue("collectedAt", out var collected) == true && collected is OpenApiSchema at)
                {
                    at.Format = "date-time";
                    at.Description = "ISO 8601 with its offset (2026-11-23T07:00:00+08:00, or Z): a time without one is refused.";
                }
            }
        });
    });

    /// <summary>The schemes an authorization policy admits: a submitter's key; a station's key or a staff token at the bench; staff tokens to review and administer.</summary>
    private static string[] SchemesOf(string? policy) => policy switch
    {
        ApiKeyAuthenticationHandler.SubmitterPolicy => [ApiKeyScheme],
        ApiKeyAuthenticationHandler.LabPolicy => [ApiKeyScheme, BearerScheme],
        StaffAuthentication.ReviewPolicy or StaffAuthentication.AdminPolicy => [BearerScheme],
        _ => [ApiKeyScheme, BearerScheme],
    };

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) } },
        };
    }

    /// <summary>The problem details an endpoint answers besides its success: 400 with <c>errors</c> by field, any other status plain.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
            if (status == StatusCodes.Status400BadRequest) endpoint.ProducesValidationProblem();
            else endpoint.ProducesProblem(status);
        return endpoint;
    }

    /// <summary>
    /// The API reference at <c>/docs</c>, on the OpenAPI document. It works with no internet: Scalar's script is served by
    /// this process (from the package, <c>/docs/scalar.js</c>), its default fonts (from Scalar's CDN) are off, and so is its
    /// telemetry; requests made from the page go straight to this API, through no proxy.
    /// </summary>
    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Lims API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(ApiKeyScheme))
        .AllowAnonymous();
}

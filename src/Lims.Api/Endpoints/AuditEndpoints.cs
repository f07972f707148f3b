using Lims.Api.Auth;
using Lims.Application.Features.Audit;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>The audit trail, read by the lab: every change, who made it, when, before and after, and why.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/v1/lab/audit").WithTags("Audit").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        lab.MapGet("/", List).WithSummary("Audit events in sequence order after ?after=<seq> (0), of ?entityType= (and ?entityId=), ?limit= (100, at most 1000) a page; next is the seq to ask after for the next page.");
    }

    private static async Task<Ok<AuditPage>> List(long? after, string? entityType, string? entityId, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAuditEvents(after ?? 0, NullIfEmpty(entityType), NullIfEmpty(entityId), limit ?? ListAuditEvents.DefaultLimit), cancellationToken));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using Hangfire;
using Lims.Api.Auth;
using Lims.Api.Endpoints;
using Lims.Api.Hosting;
using Lims.Application.Abstractions;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLims(builder.Configuration, LimsRole.Api);

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddLimsAuthentication(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddLookupRateLimiting(builder.Configuration);
builder.Logging.KeepQueryStringsOutOfLogs();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseAuthentication();
// Who acts in this request, for the audit trail: the authenticated key's submitter or lab station.
app.Use((HttpContext context, RequestDelegate next) =>
{
    if (context.User.Identity?.IsAuthenticated == true)
        context.RequestServices.GetRequiredService<ICurrentActor>().Set(context.User.Actor());
    return next(context);
});
app.UseAuthorization();

app.MapOpenApi();
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new LocalRequestsOnlyFilter()] });
app.MapBatchEndpoints();
app.MapTubeEndpoints();
app.MapBoxEndpoints();
app.MapInactivationEndpoints();
app.MapPlateEndpoints();
app.MapLabelEndpoints();
app.MapRecallEndpoints();
app.MapPoolAnalysisEndpoints();
app.MapPoolDecodeEndpoints();
app.MapStaffEndpoints();
app.MapReviewEndpoints();
app.MapFhirEndpoints();
app.MapAuditEndpoints();
app.MapWebhookEndpoints();
app.MapDashboardEndpoints();
app.MapLookupEndpoints();

await app.PrepareAsync();
await app.RunAsync();

public partial class Program;

using Hangfire;
using Lims.Api.Auth;
using Lims.Api.Endpoints;
using Lims.Api.Hosting;
using Lims.Application.Abstractions;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authentication;

// The content root is where the API is installed, not the folder it was started from: `dotnet /opt/lims/Lims.Api.dll` run
// from anywhere reads /opt/lims/appsettings.json (ASPNETCORE_CONTENTROOT or --contentRoot still choose another).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ApiHost.ContentRoot(args) });

builder.Services.AddLims(builder.Configuration, LimsRole.Api);

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    // Routing refuses a body of another media type before any endpoint runs: say what it takes.
    if (c.ProblemDetails is { Status: StatusCodes.Status415UnsupportedMediaType, Detail: null })
        c.ProblemDetails.Detail = "The body must be JSON (Content-Type: application/json).";
});
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddLimsAuthentication(builder.Configuration);
// A request the framework cannot bind (a number where a string belongs, a bad GUID, an empty body) throws, and leaves as
// problem details naming the field (BindingFailures), not a bare 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddLimsOpenApi();
builder.Services.AddLookupRateLimiting(builder.Configuration);
RunImportLimit.AddRunImportLimit(builder.Services, builder.Configuration);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Logging.KeepQueryStringsOutOfLogs();

var app = builder.Build();

app.UseLimsResponseHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Where the caller is, for what is counted per origin (failed sign-ins and signatures).
app.Use((HttpContext context, RequestDelegate next) =>
{
    context.RequestServices.GetRequiredService<ICurrentOrigin>().Set(StaffAuthentication.OriginOf(context.Connection.RemoteIpAddress));
    return next(context);
});
app.UseAuthentication();
// Who acts in this request, for the audit trail: the authenticated key's submitter or lab station.
app.Use((HttpContext context, RequestDelegate next) =>
{
    if (context.User.Identity?.IsAuthenticated == true)
        context.RequestServices.GetRequiredService<ICurrentActor>().Set(context.User.Actor());
    return next(context);
});
app.UseAuthorization();
// After authorization: a request that may not import holds no import's place.
app.UseRateLimiter();

app.MapOpenApi();
app.MapApiReference();
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new JobDashboardAuthorization()] });
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

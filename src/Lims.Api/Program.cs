using Hangfire;
using Lims.Api.Auth;
using Lims.Api.Endpoints;
using Lims.Api.Hosting;
using Lims.Application;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Application.Features.Submitters;
using Lims.Domain.Submitters;
using Lims.Infrastructure;
using Lims.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLimsApplication();
builder.Services.AddMediator((Mediator.MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
});
builder.Services.AddLimsInfrastructure(builder.Configuration, out var database);
builder.Services.AddLimsJobs(database, runServer: builder.Configuration.GetValue("Lims:Jobs:RunServer", true));

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

await app.InitializeAsync();
await app.RunAsync();

public partial class Program;

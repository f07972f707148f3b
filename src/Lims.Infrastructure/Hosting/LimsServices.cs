using Lims.Application;
using Lims.Application.Behaviors;
using Lims.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure.Hosting;

/// <summary>What a Lims process runs as: the jobs it may enqueue and whether it runs job workers.</summary>
public enum LimsRole
{
    /// <summary>An API host: enqueues jobs, and runs workers unless <c>Lims:Jobs:RunServer</c> is false.</summary>
    Api,
    /// <summary>The command line: no job system; webhook attempts it causes are left to a worker's sweeper.</summary>
    Cli,
    /// <summary>A job server apart from the API: runs workers and the recurring jobs, serves no HTTP.</summary>
    Worker,
}

/// <summary>The one start-up every Lims process shares: API, command line, job worker.</summary>
public static class LimsServices
{
    /// <summary>
    /// The application (its use cases behind Mediator, every message validated, e-signatures checked, commands run as
    /// one unit of work), the database and the services around it, and the job system the role needs.
    /// </summary>
    public static IServiceCollection AddLims(this IServiceCollection services, IConfiguration configuration, LimsRole role)
    {
        services.AddLimsApplication();
        // The source generator reads this call: the behaviours are listed here, in the order every message passes them.
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>), typeof(SignatureBehavior<,>), typeof(TransactionBehavior<,>)];
        });
        services.AddLimsInfrastructure(configuration, out var database);
        switch (role)
        {
            case LimsRole.Api:
                services.AddLimsJobs(database, runServer: configuration.GetValue("Lims:Jobs:RunServer", true));
                break;
            case LimsRole.Worker:
                services.AddLimsJobs(database, runServer: true);
                break;
            case LimsRole.Cli:
                break;
        }
        return services;
    }
}

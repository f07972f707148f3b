using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Features.Submitters;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Application;

public static class DependencyInjection
{
    /// <summary>Validators and application services. The host calls the generated <c>AddMediator</c> itself.</summary>
    public static IServiceCollection AddLimsApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<CreateSubmitter>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ICurrentActor, CurrentActor>();
        return services;
    }
}

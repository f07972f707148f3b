using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Application.Features.Lookup;
using Lims.Application.Features.PublicHealth;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Results;
using Lims.Application.Features.Reviews;
using Lims.Application.Features.Submitters;
using Lims.Application.Features.Webhooks;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Application;

public static class DependencyInjection
{
    /// <summary>
    /// What happens when: each kind of domain event and the reactions to it, in the save that persists it. Reading this
    /// table is reading how the lab's work hangs together.
    /// </summary>
    public static DomainEventReactions Reactions() => new DomainEventReactions()
        // A run calls a pool positive: its recall case is prepared (orders issued), not shown yet.
        .On<PoolCalledPositive, OpenRecallOfPositivePools>()
        // A review decides: the tubes follow; an approved positive pool's recall is shown to its submitter; a pool no
        // longer positive needs no recall.
        .On<TubesApproved, TubesFollowTheirReview>()
        .On<TubesApproved, PublishRecallOfApprovedPools>()
        .On<ReviewCallOverridden, TubesFollowTheirReview>()
        .On<TubesSentBackByReviewer, TubesFollowTheirReview>()
        .On<CallOverridden, WithdrawRecallOfPool>()
        .On<TubeSentToRetest, WithdrawRecallOfPool>()
        // A recall case shown to its submitter, or withdrawn after, is told to its webhook.
        .On<RecallPublished, QueueRecallWebhooks>()
        .On<RecallWithdrawn, QueueRecallWebhooks>()
        // Results leave the lab: released records, then every output made from them; a recall's single tube gives its member a result.
        .On<ResultsReleased, ReleaseResults>()
        .On<ResultReleased, RecordRecallResults>()
        .On<ResultReleased, UpdateLookupReadModel>()
        .On<ResultReleased, QueueWebhookDeliveries>()
        .On<ResultReleased, QueuePublicHealthNotifications>();

    /// <summary>Validators, the domain-event reactions and application services (<c>AddLims</c> adds Mediator with its behaviours).</summary>
    public static IServiceCollection AddLimsApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<CreateSubmitter>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.AddScoped<ICurrentOrigin, CurrentOrigin>();
        services.AddScoped<Signatures>();
        var reactions = Reactions();
        services.AddSingleton(reactions);
        foreach (var handler in reactions.Handlers) services.AddScoped(handler);
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        services.AddScoped<RecallOrders>();
        return services;
    }
}

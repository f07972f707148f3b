using Lims.Application.Abstractions;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Tubes;

namespace Lims.Application.Features.Recall;

/// <summary>A pool called positive (by a run, or by a reviewer's override) gets its recall case in the same save: orders issued, deadline set.</summary>
public sealed class OpenRecallOfPositivePools(RecallOrders orders, ICurrentActor actor) : IDomainEventHandler<PoolCalledPositive>
{
    public Task HandleAsync(IReadOnlyList<PoolCalledPositive> events, CancellationToken cancellationToken) =>
        orders.OpenAsync([.. events.Select(e => new PositivePoolHeader(e.Tube, e.Barcode, e.Submitter, e.Site, e.Members))], actor.Name, cancellationToken);
}

using Lims.Application.Abstractions;
using Lims.Domain.Reviews;

namespace Lims.Application.Features.Reviews;

/// <summary>
/// The tubes follow what their review decides, in the same save: approved tubes become reviewed, an overridden call
/// becomes the tube's call, tubes sent back by a reviewer go back to be retested. (Released tubes: ReleaseResults.)
/// </summary>
public sealed class TubesFollowTheirReview(ILimsDbContext db) :
    IDomainEventHandler<TubesApproved>, IDomainEventHandler<ReviewCallOverridden>, IDomainEventHandler<TubesSentBackByReviewer>
{
    public async Task HandleAsync(IReadOnlyList<TubesApproved> events, CancellationToken cancellationToken)
    {
        var tubes = await db.TubesByIdAsync(events.SelectMany(e => e.Items).Select(i => i.TubeId), cancellationToken);
        foreach (var approved in events)
            foreach (var item in approved.Items)
                tubes[item.TubeId].Review(approved.At, approved.By);
    }

    public async Task HandleAsync(IReadOnlyList<ReviewCallOverridden> events, CancellationToken cancellationToken)
    {
        var tubes = await db.TubesByIdAsync(events.Select(e => e.Item.TubeId), cancellationToken);
        foreach (var overridden in events)
            tubes[overridden.Item.TubeId].OverrideCall(overridden.Call, overridden.Reason, overridden.At, overridden.By);
    }

    public async Task HandleAsync(IReadOnlyList<TubesSentBackByReviewer> events, CancellationToken cancellationToken)
    {
        var tubes = await db.TubesByIdAsync(events.SelectMany(e => e.Items).Select(i => i.TubeId), cancellationToken);
        foreach (var sent in events)
            foreach (var item in sent.Items)
                tubes[item.TubeId].SendToRetest($"reviewer {sent.UserName}: {sent.Reason}", sent.At, sent.By);
    }
}

using Lims.Domain.Common;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;

namespace Lims.Domain.Reviews;

// What a plate's review decides about its tubes (raised by PlateReview; the tubes follow in the same save).

/// <summary>A signature approved these tubes' calls.</summary>
public sealed record TubesApproved(PlateReviewId Review, IReadOnlyList<ReviewItem> Items, DateTimeOffset At, string By) : IDomainEvent;

/// <summary>A reviewer changed one tube's call, for <see cref="Reason"/>.</summary>
public sealed record ReviewCallOverridden(PlateReviewId Review, ReviewItem Item, TubeCall Call, string Reason, DateTimeOffset At, string By) : IDomainEvent;

/// <summary>A reviewer sent these tubes back to be retested on a new plate, for <see cref="Reason"/>.</summary>
public sealed record TubesSentBackByReviewer(PlateReviewId Review, IReadOnlyList<ReviewItem> Items, string Reason, string UserName, DateTimeOffset At, string By)
    : IDomainEvent;

/// <summary>
/// These tubes' results leave the lab: released by a reviewer, or by the lab's auto-release policy
/// (<see cref="ByPolicy"/>). The review's signatures are what stands behind them.
/// </summary>
public sealed record ResultsReleased(PlateReview Review, IReadOnlyList<ReviewItem> Items, DateTimeOffset At, string By, bool ByPolicy) : IDomainEvent;

using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;

namespace Lims.Application.Features.Recall;

/// <summary>How recalls are run: the deadline of a case, and the prefix of the barcodes ordered for its members.</summary>
public sealed record RecallSettings(TimeSpan Deadline, string BarcodePrefix)
{
    public static RecallSettings Default { get; } = new(RecallCase.DefaultDeadline, "RC");
}

/// <param name="Status">open, closed (every member has a released result of their own) or withdrawn (the pool is no longer positive).</param>
/// <param name="VisibleAt">When the pool's positive call was approved and the case shown to its submitter (null: prepared, not shown).</param>
/// <param name="DueAt">The deadline, counted from <paramref name="VisibleAt"/>.</param>
/// <param name="WithdrawnReason">Why the case was withdrawn, when it was.</param>
public sealed record RecallCaseView(
    Guid Id, string Pool, string Site, string Status, DateTimeOffset OpenedAt, DateTimeOffset? VisibleAt, DateTimeOffset DueAt, DateTimeOffset? OverdueSince,
    DateTimeOffset? ClosedAt, string? WithdrawnReason, int Outstanding, IReadOnlyList<RecallMemberView> Members)
{
    public static RecallCaseView From(RecallCase c) => new(
        c.Id.Value, c.PoolBarcode.Value, c.Site, c.Status.ToWire(), c.OpenedAt, c.VisibleAt, c.DueAt, c.OverdueSince, c.ClosedAt, c.WithdrawnReason, c.Outstanding,
        [.. c.Members.OrderBy(m => m.Position).Select(m => new RecallMemberView(
            m.Position, m.PersonMasked, m.OrderBarcode.Value, m.Result?.ToWire(), m.ResultTube?.Value, m.ResultAt))]);
}

/// <param name="IdNumber">Always masked.</param>
/// <param name="OrderBarcode">The barcode of the single tube to collect from this person (it must carry this person).</param>
/// <param name="Result">The person's released result from that tube: null until it is released.</param>
public sealed record RecallMemberView(int Position, string IdNumber, string OrderBarcode, string? Result, string? ResultTube, DateTimeOffset? ResultAt);

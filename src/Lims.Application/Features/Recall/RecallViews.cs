using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;

namespace Lims.Application.Features.Recall;

/// <summary>How recalls are run: the deadline of a case, and the prefix of the barcodes ordered for its members.</summary>
public sealed record RecallSettings(TimeSpan Deadline, string BarcodePrefix)
{
    public static RecallSettings Default { get; } = new(RecallCase.DefaultDeadline, "RC");
}

public sealed record RecallCaseView(
    Guid Id, string Pool, string Site, string Status, DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset? OverdueSince,
    DateTimeOffset? ClosedAt, int Outstanding, IReadOnlyList<RecallMemberView> Members)
{
    public static RecallCaseView From(RecallCase c) => new(
        c.Id.Value, c.PoolBarcode.Value, c.Site, c.Status.ToWire(), c.OpenedAt, c.DueAt, c.OverdueSince, c.ClosedAt, c.Outstanding,
        [.. c.Members.OrderBy(m => m.Position).Select(m => new RecallMemberView(
            m.Position, m.PersonMasked, m.OrderBarcode.Value, m.Result?.ToWire(), m.ResultTube?.Value, m.ResultAt))]);
}

/// <param name="IdNumber">Always masked.</param>
/// <param name="OrderBarcode">The barcode of the single tube to collect from this person.</param>
public sealed record RecallMemberView(int Position, string IdNumber, string OrderBarcode, string? Result, string? ResultTube, DateTimeOffset? ResultAt);

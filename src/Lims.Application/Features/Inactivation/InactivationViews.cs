using Lims.Domain.Common;
using Lims.Domain.Inactivation;

namespace Lims.Application.Features.Inactivation;

/// <summary>An inactivation batch: its method, run times and tubes.</summary>
public sealed record InactivationView(
    string Code, string Method, string Equipment, string Operator, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int RequiredMinutes, string? OverrideReason, DateTimeOffset? OverdueSince, IReadOnlyList<string> Tubes)
{
    public static InactivationView From(InactivationBatch b) => new(
        b.Code.Value, b.Method.ToWire(), b.Equipment, b.Operator, b.Status.ToWire(),
        b.StartedAt, b.EndedAt, (int)b.RequiredDuration.TotalMinutes, b.OverrideReason, b.OverdueSince, [.. b.Tubes.Select(t => t.Barcode.Value)]);
}

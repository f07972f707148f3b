using Lims.Domain.Common;
using Lims.Domain.Inactivation;

namespace Lims.Application.Features.Inactivation;

/// <summary>An inactivation batch: its method, run times and tubes.</summary>
/// <param name="StartedBy">Who started it (the account or station); <paramref name="Operator"/> is the technician named for it.</param>
/// <param name="OverrideSignature">The senior reviewer's signature on a short run's override, else null.</param>
public sealed record InactivationView(
    string Code, string Method, string Equipment, string Operator, string StartedBy, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int RequiredMinutes, string? OverrideReason, OverrideSignatureView? OverrideSignature, DateTimeOffset? OverdueSince, IReadOnlyList<string> Tubes)
{
    public static InactivationView From(InactivationBatch b) => new(
        b.Code.Value, b.Method.ToWire(), b.Equipment, b.Operator, b.StartedBy, b.Status.ToWire(),
        b.StartedAt, b.EndedAt, (int)b.RequiredDuration.TotalMinutes, b.OverrideReason,
        b.OverrideSignedBy is { } user ? new OverrideSignatureView(user, b.OverrideSignerRole!, b.OverrideSignedAt!.Value) : null,
        b.OverdueSince, [.. b.Tubes.Select(t => t.Barcode.Value)]);
}

/// <summary>An electronic signature on a short run's override: who, in which role, when (the reason is the batch's).</summary>
public sealed record OverrideSignatureView(string User, string Role, DateTimeOffset SignedAt);

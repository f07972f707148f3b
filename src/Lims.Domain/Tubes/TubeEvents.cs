using Lims.Domain.Common;

namespace Lims.Domain.Tubes;

// What happens to a tube that other parts of the lab react to (raised by Tube, dispatched by the save that persists it).

/// <summary>A run gave the tube its call (positive, negative, inconclusive or invalid).</summary>
public sealed record TubeCalled(TubeId Tube, Barcode Barcode, TubeKind Kind, TubeCall Call, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// A pooled tube is positive — the kit's call, or a reviewer's override: each of its people must be swabbed again on a
/// single tube. Carries what a recall needs to order those tubes without reading the pool again.
/// </summary>
public sealed record PoolCalledPositive(TubeId Tube, Barcode Barcode, SubmitterId Submitter, string Site, int Members, DateTimeOffset At) : IDomainEvent;

/// <summary>A reviewer changed the tube's call (positive ↔ negative), for <see cref="Reason"/>.</summary>
public sealed record CallOverridden(TubeId Tube, Barcode Barcode, TubeKind Kind, TubeCall From, TubeCall To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent;

/// <summary>The tube goes back to be plated again; <see cref="PreviousCall"/> is the call it had (none after a failed plate).</summary>
public sealed record TubeSentToRetest(TubeId Tube, Barcode Barcode, TubeKind Kind, TubeCall? PreviousCall, string Reason, string By, DateTimeOffset At)
    : IDomainEvent;

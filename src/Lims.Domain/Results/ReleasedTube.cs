using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Results;

/// <summary>A person's result from a released tube (stored by name: keep the names).</summary>
public enum PersonOutcome
{
    Negative,
    Positive,
    /// <summary>A member of a positive pool: a single tube is ordered for them; their result comes from it.</summary>
    RecallRequired,
}

/// <summary>One person's released result: who (masked, with the keyed hash of their id for look-ups, and the submitter's own id of them when it sent one) and what.</summary>
public sealed record PersonResult(int Position, byte[] PersonLookupHash, string MaskedId, string MaskedName, PersonOutcome Outcome, string? PatientId = null, string? PatientIdSystem = null);

/// <summary>
/// A released tube: the record that leaves the lab (pull, webhooks, FHIR). Written once at release, never changed.
/// Its <see cref="Cursor"/> grows with every release in commit order, so a client paging by it misses nothing.
/// </summary>
public sealed class ReleasedTube : AggregateRoot
{
    private readonly List<PersonResult> _people = [];

    private ReleasedTube() { }

    public Guid Id { get; private set; }
    public long Cursor { get; private set; }
    public Guid ReleaseId { get; private set; }
    public TubeId TubeId { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public Barcode Barcode { get; private set; }
    public TubeKind Kind { get; private set; }
    public int Capacity { get; private set; }
    public string Site { get; private set; } = "";
    public Priority Priority { get; private set; }
    public DateTimeOffset CollectedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset ReleasedAt { get; private set; }
    public string ReleasedBy { get; private set; } = "";
    public TubeCall Call { get; private set; }
    public string KitCode { get; private set; } = "";
    public string KitVersion { get; private set; } = "";
    public Barcode PlateBarcode { get; private set; }
    public string Well { get; private set; } = "";
    /// <summary>JSON array of <c>{ target, ct }</c>.</summary>
    public string Targets { get; private set; } = "[]";
    /// <summary>JSON array of <c>{ user, role, meaning, signedAt }</c>.</summary>
    public string Reviewers { get; private set; } = "[]";

    public IReadOnlyList<PersonResult> People => _people.AsReadOnly();

    /// <summary>The people's results from the tube's call: a negative tube → every member negative; a positive single tube → positive;
    /// a positive pool → every member needs a recall.</summary>
    public static ReleasedTube Of(
        Tube tube, long cursor, Guid releaseId, string kitCode, string kitVersion, Barcode plate, string well,
        string targetsJson, string reviewersJson, DateTimeOffset at, string by)
    {
        if (tube.Status != TubeStatus.Released || tube.Call is not (TubeCall.Positive or TubeCall.Negative) || tube.Call is not { } call)
            throw new DomainException("not-released", $"Tube {tube.Barcode} is not released with a final call.");
        var outcome = call == TubeCall.Negative ? PersonOutcome.Negative
            : tube.Kind == TubeKind.Pooled ? PersonOutcome.RecallRequired : PersonOutcome.Positive;
        var released = new ReleasedTube
        {
            Id = Guid.CreateVersion7(), Cursor = cursor, ReleaseId = releaseId, TubeId = tube.Id, SubmitterId = tube.SubmitterId,
            Barcode = tube.Barcode, Kind = tube.Kind, Capacity = tube.Capacity, Site = tube.Site, Priority = tube.Priority,
            CollectedAt = tube.CollectedAt, DueAt = tube.DueAt, ReleasedAt = at.ToUniversalTime(), ReleasedBy = by, Call = call,
            KitCode = kitCode, KitVersion = kitVersion, PlateBarcode = plate, Well = well, Targets = targetsJson, Reviewers = reviewersJson,
        };
        foreach (var m in tube.Members)
            released._people.Add(new PersonResult(m.Position, m.Person.LookupHash, m.Person.Masked, Member.MaskName(m.Name), outcome, m.PatientId, m.PatientIdSystem));
        released.Raise(new ResultReleased(released));
        return released;
    }
}

/// <summary>A tube's result has left the lab: the outputs (the public look-up, webhooks, public health) follow from <see cref="Result"/>.</summary>
public sealed record ResultReleased(ReleasedTube Result) : IDomainEvent;

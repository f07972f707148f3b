using Lims.Domain.Common;
using Lims.Domain.Reviews;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;

namespace Lims.Domain.Inactivation;

public enum InactivationMethod
{
    /// <summary>56 °C for 30 minutes: the default.</summary>
    Heat,
    /// <summary>Chemical lysis/inactivation buffer.</summary>
    Chemical,
}

public enum InactivationStatus
{
    Open,
    Completed,
}

/// <summary>
/// Tubes inactivated together (a heat block or water bath run, or a chemical treatment). The batch
/// is loaded with received tubes and started; completing it inactivates them. A run shorter than
/// its method requires is completed only with a reason and a senior reviewer's electronic signature
/// (not the technician who started the batch), both recorded with the batch.
/// </summary>
public sealed class InactivationBatch
{
    public const int MaxTubes = 2_000;

    private readonly List<InactivatedTube> _tubes = [];

    private InactivationBatch() { }

    public InactivationBatchId Id { get; private set; }
    /// <summary>The batch's label (rack or run barcode), unique: starting the same batch twice is the same batch.</summary>
    public Barcode Code { get; private set; }
    public InactivationMethod Method { get; private set; }
    public string Equipment { get; private set; } = "";
    public string Operator { get; private set; } = "";
    /// <summary>Who started the batch (the account or station), beside the operator named for it.</summary>
    public string StartedBy { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public InactivationStatus Status { get; private set; }
    public string? OverrideReason { get; private set; }
    /// <summary>The senior reviewer who signed a short run's override, in the role they signed in, and when.</summary>
    public string? OverrideSignedBy { get; private set; }
    public string? OverrideSignerRole { get; private set; }
    public DateTimeOffset? OverrideSignedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    /// <summary>When the overdue check (<see cref="OverdueRule"/>) found the batch still open well past its time.</summary>
    public DateTimeOffset? OverdueSince { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<InactivatedTube> Tubes => _tubes.AsReadOnly();

    public TimeSpan RequiredDuration => Required(Method);

    public static TimeSpan Required(InactivationMethod method) => method switch
    {
        InactivationMethod.Heat => TimeSpan.FromMinutes(30),
        InactivationMethod.Chemical => TimeSpan.FromMinutes(10),
    };

    /// <summary>
    /// The overdue rule: an open batch of the window's method, not flagged yet, started before the window's limit —
    /// its method's time plus a grace ago (someone forgot to complete it, or the tubes sit in the block).
    /// </summary>
    public static readonly Rule<InactivationBatch, OverdueWindow> OverdueRule = new((b, w) =>
        b.Method == w.Method && b.Status == InactivationStatus.Open && b.OverdueSince == null && b.StartedAt <= w.StartedBefore);

    /// <summary>The batches of <paramref name="method"/> the overdue check flags at <paramref name="now"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<InactivationBatch, bool>> IsOverdue(InactivationMethod method, DateTimeOffset now, TimeSpan grace) =>
        OverdueRule.With(OverdueWindow.Of(method, now, grace));

    /// <summary>Whether the overdue check flags this batch at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now, TimeSpan grace) => OverdueRule.IsMetBy(this, OverdueWindow.Of(Method, now, grace));

    /// <summary>Batches of <see cref="Method"/> started before <see cref="StartedBefore"/> are overdue.</summary>
    public readonly record struct OverdueWindow(InactivationMethod Method, DateTimeOffset StartedBefore)
    {
        public static OverdueWindow Of(InactivationMethod method, DateTimeOffset now, TimeSpan grace) => new(method, now - Required(method) - grace);
    }

    /// <param name="operator">The technician named for the batch.</param>
    /// <param name="startedBy">Who sends the start (the account or station); the operator when not given.</param>
    public static InactivationBatch Start(
        InactivationBatchId id, Barcode code, InactivationMethod method, string equipment, string @operator, IReadOnlyList<Tube> tubes, DateTimeOffset at,
        string? startedBy = null)
    {
        if (string.IsNullOrWhiteSpace(equipment)) throw new DomainException("equipment-required", "Name the heat block, bath or cabinet used.");
        if (string.IsNullOrWhiteSpace(@operator)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (tubes.Count == 0) throw new DomainException("empty-batch", "An inactivation batch holds at least one tube.");
        var batch = new InactivationBatch
        {
            Id = id, Code = code, Method = method, Equipment = equipment.Trim(), Operator = @operator.Trim(),
            StartedBy = string.IsNullOrWhiteSpace(startedBy) ? @operator.Trim() : startedBy.Trim(), StartedAt = at.ToUniversalTime(), Status = InactivationStatus.Open,
        };
        foreach (var tube in tubes) batch.Load(tube);
        return batch;
    }

    /// <summary>Adds a received tube to the open batch.</summary>
    public void Load(Tube tube)
    {
        if (Status != InactivationStatus.Open) throw new DomainException("batch-completed", $"Inactivation batch {Code} is completed; start a new one.");
        if (tube.Status != TubeStatus.Received)
            throw new DomainException("tube-not-received", $"Tube {tube.Barcode} is {tube.Status.ToWire()}: only received tubes are inactivated.");
        if (_tubes.Exists(t => t.TubeId == tube.Id)) throw new DomainException("duplicate-tube", $"Tube {tube.Barcode} is already in this batch.");
        if (_tubes.Count >= MaxTubes) throw new DomainException("batch-full", $"An inactivation batch holds at most {MaxTubes} tubes.");
        _tubes.Add(new InactivatedTube(tube.Id, tube.Barcode));
        Version++;
    }

    /// <summary>
    /// Ends the run and inactivates its tubes, but those rejected since they were loaded (found leaking in the block):
    /// they stay rejected, and the rest of the batch is not held up by them. A run shorter than the method requires is
    /// refused unless it comes with a reason and the electronic signature of a senior reviewer who did not start the
    /// batch; a run long enough needs neither, and neither is recorded then.
    /// </summary>
    /// <param name="signer">Who signed the override, their password checked (<c>SignatureBehavior</c>); null when nobody signed.</param>
    public void Complete(IReadOnlyList<Tube> tubes, DateTimeOffset at, string by, string? overrideReason = null, Signer? signer = null)
    {
        if (Status != InactivationStatus.Open) throw new DomainException("batch-completed", $"Inactivation batch {Code} was already completed at {EndedAt:u}.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        var ran = at - StartedAt;
        if (ran < TimeSpan.Zero) throw new DomainException("ends-before-start", "A batch cannot end before it started.");
        var tooShort = ran < RequiredDuration;
        if (tooShort)
        {
            if (string.IsNullOrWhiteSpace(overrideReason) || signer is null)
                throw new DomainException("run-too-short",
                    $"Batch {Code} ran {ran.TotalMinutes:0} min; {Method.ToWire()} inactivation requires {RequiredDuration.TotalMinutes:0} min. " +
                    "To complete it anyway, give the reason (overrideReason) and have a senior reviewer sign it (userName, password).");
            if (signer.Role != StaffRole.SeniorReviewer)
                throw new NotPermittedException("senior-reviewer-required",
                    $"A short inactivation run is signed off by a senior reviewer; {signer.UserName} is a {signer.Role.ToWire()}.");
            if (IsStarter(signer))
                throw new NotPermittedException("own-batch", $"{signer.UserName} started batch {Code}: someone else signs off its short run.");
        }
        if (tubes.Count != _tubes.Count || !tubes.All(t => _tubes.Exists(x => x.TubeId == t.Id)))
            throw new ArgumentException("Complete is given exactly the batch's tubes.", nameof(tubes));

        foreach (var tube in tubes.Where(t => t.Status != TubeStatus.Rejected)) tube.Inactivate(at, by);
        Status = InactivationStatus.Completed;
        EndedAt = at.ToUniversalTime();
        CompletedBy = by;
        if (tooShort)
        {
            OverrideReason = overrideReason!.Trim();
            OverrideSignedBy = signer!.UserName;
            OverrideSignerRole = signer.Role.ToWire();
            OverrideSignedAt = EndedAt;
        }
        Version++;
    }

    /// <summary>Whether the signer is who started the batch: the account that sent the start, or the operator named for it.</summary>
    private bool IsStarter(Signer signer) =>
        string.Equals(StartedBy, signer.Actor, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Operator, signer.Actor, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Operator, signer.UserName, StringComparison.OrdinalIgnoreCase);
}

public sealed record InactivatedTube(TubeId TubeId, Barcode Barcode);

using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;

namespace Lims.Domain.Runs;

public readonly record struct PlateRunId(Guid Value)
{
    public static PlateRunId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>The uploaded result file: its name, its SHA-256 (lower-case hex) and size, and what the reader found in it.</summary>
public sealed record RunFileInfo(string Name, string Sha256, long Length, string Format, string? Instrument);

/// <summary>
/// One well of the imported run: what the file said, what it was on the plate, its call, and for a tube's well
/// what the run did to the tube.
/// </summary>
public sealed record RunWell(
    WellPosition Position, string? Sample, WellRole Role, WellCall Call, TubeId? TubeId, Barcode? TubeBarcode, TubeOutcome? Outcome,
    IReadOnlyList<string> Reasons, IReadOnlyList<TargetReading> Targets);

/// <summary>What the run did to one tube of the plate.</summary>
public enum TubeOutcome
{
    // Stored by name: keep the names.
    /// <summary>Positive or negative: waits for review (a pooled positive also for deconvolution).</summary>
    Called,
    /// <summary>Inconclusive or invalid: the same tube goes on a new plate.</summary>
    Retest,
    /// <summary>Inconclusive or invalid after the kit's last retest: the members need a new swab.</summary>
    Recollection,
    /// <summary>The plate failed QC: no call; the tube goes on a new plate without using up a retest.</summary>
    Replate,
}

public sealed record TubeResult(TubeId TubeId, Barcode Barcode, WellPosition Well, WellCall? Call, TubeOutcome Outcome);

/// <summary>The instrument file does not fit the plate; nothing was applied. Every mismatch is listed.</summary>
public sealed class RunMismatchException(IReadOnlyList<string> mismatches)
    : DomainException("run-does-not-match-plate", string.Join(" ", mismatches))
{
    public IReadOnlyList<string> Mismatches { get; } = mismatches;
}

/// <summary>
/// The instrument run of a sealed plate: the file's wells matched to the plate, interpreted by the plate's
/// kit, and the outcome applied to every tube on it.
/// <list type="bullet">
/// <item>Matching: a well is the plate's well at the same position. A sample name in the file must be the
/// barcode of the tube there (or that barcode as the plate map's CSV wrote it, see <see cref="Csv"/>); a control well may carry any name but another tube's barcode. With a singleplex
/// kit a sample spans several wells: a free well named after a tube of the plate belongs to that tube. A free
/// well named like a control of the kit is that control (another well of it, or one the lab added). A well the plate
/// leaves free and the file leaves unnamed is an empty well: ignored without a Ct, checked like a blank with one
/// (amplification there fails the plate). A well the plate's format lacks (A13 on a 96-well plate) is a mismatch, named
/// or not. Every tube on the plate must have a well in the file.</item>
/// <item>Plate QC failed (a control failed or is missing, an empty well amplified): no tube gets a call; every tube
/// goes back to be re-plated.</item>
/// <item>QC passed: positive and negative tubes are interpreted and wait for review; inconclusive and invalid
/// ones go to retest until the kit's maximum of retests, then their members need recollection.</item>
/// </list>
/// </summary>
public sealed class PlateRun
{
    private const int MaxListedMismatches = 20;
    private readonly List<RunWell> _wells = [];

    private PlateRun() { }

    public PlateRunId Id { get; private set; }
    public PlateId PlateId { get; private set; }
    public Barcode PlateBarcode { get; private set; }
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public long FileLength { get; private set; }
    public string Format { get; private set; } = "";
    public string? Instrument { get; private set; }
    public string KitCode { get; private set; } = "";
    public string KitVersion { get; private set; } = "";
    public bool QcPassed { get; private set; }
    public IReadOnlyList<string> QcReasons { get; private set; } = [];
    /// <summary>What QC could not check (<see cref="PlateQc.Notes"/>).</summary>
    public IReadOnlyList<string> QcNotes { get; private set; } = [];
    public DateTimeOffset ImportedAt { get; private set; }
    public string ImportedBy { get; private set; } = "";

    /// <summary>The wells of the file that belong to the plate, in plate order.</summary>
    public IReadOnlyList<RunWell> Wells => _wells.AsReadOnly();

    /// <summary>
    /// Matches, interprets and applies a run. Throws <see cref="RunMismatchException"/> when the file does not fit
    /// the plate and <see cref="DomainException"/> when the plate or a tube is not ready; in both cases nothing
    /// has been changed.
    /// </summary>
    /// <param name="tubes">The tubes on the plate, tracked for change.</param>
    public static (PlateRun Run, IReadOnlyList<TubeResult> Tubes) Import(
        PlateRunId id, Plate plate, IReadOnlyCollection<Tube> tubes, AssayKit kit, RunFileInfo file,
        IReadOnlyList<WellReading> readings, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(plate);
        ArgumentNullException.ThrowIfNull(tubes);
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(readings);
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (kit.Code != plate.KitCode || kit.Version != plate.KitVersion)
            throw new ArgumentException($"Plate {plate.Barcode} is for {plate.KitCode} {plate.KitVersion}, not {kit.Code} {kit.Version}.", nameof(kit));
        if (plate.Status == PlateStatus.Open) throw new DomainException("plate-not-sealed", $"Plate {plate.Barcode} is not sealed yet: seal it before its run is imported.");
        if (plate.Status == PlateStatus.Interpreted) throw new DomainException("plate-has-run", $"Plate {plate.Barcode} has its run already.");

        var byId = tubes.ToDictionary(t => t.Id);
        foreach (var well in plate.Wells.Where(w => w.TubeId is not null))
        {
            if (!byId.TryGetValue(well.TubeId!.Value, out var tube)) throw new ArgumentException($"Tube {well.TubeBarcode} of plate {plate.Barcode} was not given.", nameof(tubes));
            if (tube.Status != TubeStatus.Plated)
                throw new DomainException("tube-not-plated", $"Tube {tube.Barcode} in {well.Position} of plate {plate.Barcode} is {tube.Status.ToWire()}, not plated: the run cannot be applied.");
        }

        var matched = Match(plate, kit, readings);
        var interpretation = PlateInterpreter.Interpret(kit, matched.Select(m => m.Reading).ToList(), matched.ToDictionary(m => m.Reading.Well, m => m.Role));
        var calls = interpretation.Wells.ToDictionary(w => w.Well);

        var run = new PlateRun
        {
            Id = id, PlateId = plate.Id, PlateBarcode = plate.Barcode, FileName = file.Name, Sha256 = file.Sha256, FileLength = file.Length,
            Format = file.Format, Instrument = file.Instrument, KitCode = kit.Code, KitVersion = kit.Version,
            QcPassed = interpretation.Qc.Passed, QcReasons = interpretation.Qc.Reasons, QcNotes = interpretation.Qc.Notes, ImportedAt = at.ToUniversalTime(), ImportedBy = by,
        };
        foreach (var m in matched.OrderBy(m => m.Reading.Well))
        {
            var call = calls[m.Reading.Well];
            run._wells.Add(new RunWell(m.Reading.Well, m.Reading.Sample, call.Role, call.Call, m.Tube?.TubeId, m.Tube?.TubeBarcode, null, call.Reasons, m.Reading.Targets));
        }

        var results = new List<TubeResult>();
        var where = $"plate {plate.Barcode}";
        foreach (var placed in plate.Wells.Where(w => w.TubeId is not null).OrderBy(w => w.Position))
        {
            var tube = byId[placed.TubeId!.Value];
            tube.RecordAmplification(at, by);
            if (!interpretation.Qc.Passed)
            {
                tube.ReturnForReplating($"{where} failed QC: {Shortened(interpretation.Qc.Reasons[0], 400)}", at, by);
                results.Add(new TubeResult(tube.Id, tube.Barcode, placed.Position, null, TubeOutcome.Replate));
                continue;
            }

            var well = run._wells.First(w => w.TubeId == tube.Id);
            var call = ToTubeCall(well.Call);
            tube.Interpret(call, at, by);
            var outcome = TubeOutcome.Called;
            if (call is TubeCall.Inconclusive or TubeCall.Invalid)
            {
                var reason = $"{call.ToWire()} on {where} well {well.Position}";
                if (tube.RetestCount < kit.MaxRetests)
                {
                    tube.SendToRetest(reason, at, by);
                    outcome = TubeOutcome.Retest;
                }
                else
                {
                    tube.RequireRecollection($"{reason}, after {tube.RetestCount} of {kit.MaxRetests} retests", at, by);
                    outcome = TubeOutcome.Recollection;
                }
            }
            results.Add(new TubeResult(tube.Id, tube.Barcode, placed.Position, well.Call, outcome));
        }
        var outcomes = results.ToDictionary(r => r.TubeId, r => r.Outcome);
        for (var i = 0; i < run._wells.Count; i++)
            if (run._wells[i].TubeId is { } tubeId)
                run._wells[i] = run._wells[i] with { Outcome = outcomes[tubeId] };
        plate.RecordRun(at);
        return (run, results);
    }

    private static TubeCall ToTubeCall(WellCall call) => call switch
    {
        WellCall.Positive => TubeCall.Positive,
        WellCall.Negative => TubeCall.Negative,
        WellCall.Inconclusive => TubeCall.Inconclusive,
        _ => TubeCall.Invalid,
    };

    private sealed record Matched(WellReading Reading, WellRole Role, PlateWell? Tube);

    private static List<Matched> Match(Plate plate, AssayKit kit, IReadOnlyList<WellReading> readings)
    {
        var mismatches = new List<string>();
        var occupants = plate.Wells.ToDictionary(w => w.Position);
        var tubesByName = plate.Wells.Where(w => w.TubeBarcode is not null)
            .ToDictionary(w => w.TubeBarcode!.Value.Value, StringComparer.OrdinalIgnoreCase);
        var singleplex = kit.Layout == WellLayout.Singleplex;
        var matched = new List<Matched>(readings.Count);
        var seen = new HashSet<WellPosition>();
        // Wells the plate's format lacks, listed in one mismatch where the first of them was met.
        var outside = new List<string>();
        var outsideAt = -1;

        foreach (var reading in readings)
        {
            // A name the plate map wrote with a leading apostrophe (Csv) comes back with it from the instrument.
            var name = string.IsNullOrWhiteSpace(reading.Sample) ? null : Csv.Unneutralised(reading.Sample.Trim());
            if (!seen.Add(reading.Well))
            {
                mismatches.Add($"The file has well {reading.Well} twice.");
                continue;
            }
            if (!reading.Well.FitsIn(plate.Size))
            {
                if (outsideAt < 0)
                {
                    outsideAt = mismatches.Count;
                    mismatches.Add("");
                }
                outside.Add($"{reading.Well}{Named(name)}");
                continue;
            }
            occupants.TryGetValue(reading.Well, out var occupant);
            PlateWell? named = name is not null && tubesByName.TryGetValue(name, out var t) ? t : null;

            if (named is not null)
            {
                if (occupant == named || (occupant is null && singleplex)) matched.Add(new Matched(reading, WellRole.Sample, named));
                else if (occupant is null) mismatches.Add($"Well {reading.Well} names tube {named.Name}, which the plate has in {named.Position}; the plate has nothing in {reading.Well}.");
                else mismatches.Add($"Well {reading.Well} names tube {named.Name}, which the plate has in {named.Position}; the plate has {Describe(occupant)} in {reading.Well}.");
            }
            else if (occupant is { Role: WellRole.Sample })
            {
                if (name is null) matched.Add(new Matched(reading, WellRole.Sample, occupant));
                else mismatches.Add($"Well {reading.Well} holds tube {occupant.Name} on the plate, but the file names it '{name}'.");
            }
            else if (occupant is not null)
            {
                matched.Add(new Matched(reading, occupant.Role, null));
            }
            else if (name is null)
            {
                // A free well the file does not name: an empty well of a full-plate export. A Ct there is checked like a
                // blank, since amplification where the plate has nothing is contamination or a misload.
                if (reading.Targets.Any(t => t.Ct is not null)) matched.Add(new Matched(reading, WellRole.Empty, null));
            }
            else if (kit.Controls.FirstOrDefault(c => c.Matches(name)) is { } control)
            {
                // Another well of a control (singleplex), or a control the lab added: it can only help QC.
                matched.Add(new Matched(reading, control.Role, null));
            }
            else
            {
                mismatches.Add($"Well {reading.Well} has results for '{name}', but the plate has nothing in {reading.Well}.");
            }
        }

        if (outsideAt >= 0)
            mismatches[outsideAt] = outside.Count == 1
                ? $"The file has well {outside[0]}, which a {plate.Size}-well plate does not have."
                : $"The file has {outside.Count} wells a {plate.Size}-well plate does not have: {string.Join(", ", outside)}.";

        // A tube is missing when the file neither has its well nor names it (a wrong name in its well is reported above).
        var covered = seen.Concat(matched.Where(m => m.Tube is not null).Select(m => m.Tube!.Position)).ToHashSet();
        foreach (var missing in plate.Wells.Where(w => w.Role == WellRole.Sample && !covered.Contains(w.Position)).OrderBy(w => w.Position))
            mismatches.Add($"Tube {missing.Name} in {missing.Position} has no well in the file.");

        if (mismatches.Count > 0)
        {
            var listed = mismatches.Take(MaxListedMismatches).ToList();
            if (mismatches.Count > MaxListedMismatches) listed.Add($"… and {mismatches.Count - MaxListedMismatches} more.");
            listed.Insert(0, $"The file does not match plate {plate.Barcode} ({mismatches.Count} problem{(mismatches.Count == 1 ? "" : "s")}); nothing was imported.");
            throw new RunMismatchException(listed);
        }
        return matched;
    }

    private static string Shortened(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Named(string? name) => name is null ? "" : $" ('{name}')";

    private static string Describe(PlateWell well) => well.Role == WellRole.Sample ? $"tube {well.Name}" : $"the {well.Role.Describe()} {well.Name}";
}

/// <summary>An instrument file exactly as it was uploaded, kept by its SHA-256 for as long as its run.</summary>
public sealed class RunFile
{
    private RunFile() { }

    public RunFile(string sha256, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentNullException.ThrowIfNull(content);
        Sha256 = sha256;
        Content = content;
    }

    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
}

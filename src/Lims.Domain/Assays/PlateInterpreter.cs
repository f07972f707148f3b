using System.Globalization;
using Lims.Domain.Plates;

namespace Lims.Domain.Assays;

/// <summary>
/// Calls every well of a plate by the rules of an assay kit, and decides plate QC.
/// <list type="bullet">
/// <item>A Ct counts as an amplification when it is below the target's cut-off and, if the kit checks curves
/// and the file carries one, the curve rises (<see cref="AmplificationCurve"/>). A pathogen Ct inside the grey zone
/// is a weak signal.</item>
/// <item>Sample: at least <see cref="AssayKit.RequiredPositiveTargets"/> pathogen targets detected outside the grey
/// zone → positive; any other pathogen signal → inconclusive; none and every internal control amplified → negative;
/// none and an internal control failed → invalid. A kit target the wells did not measure → invalid.</item>
/// <item>Control wells are recognised by the sample-name conventions of the kit, or by an explicit well→role map
/// that takes precedence. A control passes when its targets meet the kit's expectations; a failed or missing
/// required control fails the plate.</item>
/// <item>A well the map marks <see cref="WellRole.Empty"/> (the plate holds nothing there) must not amplify any target of
/// the kit: amplification there is contamination or a misload, and fails the plate.</item>
/// <item>A kit that checks curves, applied to a file without curves (or to Ct values without one), says so in the QC
/// notes: those Ct values were taken without the check.</item>
/// <item>Singleplex kits (one target per well) read all wells of one sample name together; every such well gets the
/// sample's call.</item>
/// </list>
/// </summary>
public static class PlateInterpreter
{
    private enum Signal
    {
        None,
        Grey,
        Detected,
    }

    private sealed record Evaluated(KitTarget Target, WellPosition Well, Signal Signal, string Text);

    public static PlateInterpretation Interpret(AssayKit kit, IReadOnlyList<WellReading> wells, IReadOnlyDictionary<WellPosition, WellRole>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(wells);

        var results = new WellInterpretation?[wells.Count];
        var qcReasons = new List<string>();
        var rolesSeen = new HashSet<WellRole>();

        foreach (var group in Groups(kit, wells, roles))
        {
            rolesSeen.Add(group.Role);
            var evaluated = new List<Evaluated>();
            var reasons = new List<string>();
            foreach (var index in group.Indexes)
                Evaluate(kit, wells[index], evaluated, reasons);

            WellCall call;
            if (group.Role == WellRole.Sample)
            {
                call = CallSample(kit, evaluated, reasons);
            }
            else if (group.Role == WellRole.Empty)
            {
                var amplified = evaluated.Where(e => e.Signal != Signal.None).Select(e => e.Text).ToList();
                call = amplified.Count == 0 ? WellCall.ControlPass : WellCall.ControlFail;
                if (amplified.Count > 0)
                {
                    var failure = $"amplification in empty well {wells[group.Indexes[0]].Well} ({string.Join(", ", amplified)}): contamination or a misload";
                    qcReasons.Add(Capitalised(failure) + ".");
                    reasons.Add(failure);
                }
                reasons.AddRange(evaluated.Select(e => e.Text));
            }
            else
            {
                var rule = kit.Controls.FirstOrDefault(c => c.Role == group.Role)
                    ?? ControlRule.Defaults(kit.InternalControls.Any()).First(c => c.Role == group.Role);
                var failures = CheckControl(kit, rule, evaluated);
                call = failures.Count == 0 ? WellCall.ControlPass : WellCall.ControlFail;
                if (failures.Count > 0)
                {
                    var where = string.Join(", ", group.Indexes.Select(i => wells[i].Well));
                    var name = wells[group.Indexes[0]].Sample?.Trim();
                    qcReasons.Add($"{Capitalised(group.Role.Describe())} {(string.IsNullOrEmpty(name) ? "" : name + " ")}({where}) failed: {string.Join("; ", failures)}.");
                }
                reasons.AddRange(failures);
                reasons.AddRange(evaluated.Select(e => e.Text));
            }

            var shared = reasons.AsReadOnly();
            foreach (var index in group.Indexes)
                results[index] = new WellInterpretation(wells[index].Well, wells[index].Sample, group.Role, call, shared);
        }

        foreach (var rule in kit.Controls.Where(r => r.Required && !rolesSeen.Contains(r.Role)))
            qcReasons.Insert(0, $"The plate has no {rule.Role.Describe()} (a well named {string.Join(", ", rule.SampleNames.Take(4))}…, or one marked as such).");

        var ordered = results.Select(r => r!).OrderBy(r => r.Well).ToList();
        return new PlateInterpretation(kit.Code, ordered, new PlateQc(qcReasons.Count == 0, qcReasons, Notes(kit, wells)));
    }

    /// <summary>What QC could not check: a kit's curve check where the file has no curve for a Ct.</summary>
    private static List<string> Notes(AssayKit kit, IReadOnlyList<WellReading> wells)
    {
        if (!kit.CurveCheck) return [];
        if (!wells.Any(w => w.Targets.Any(t => t.Curve is { Count: > 0 }))) return [NoCurvesNote];
        var bare = wells.SelectMany(w => w.Targets.Where(t => t.Ct is not null && t.Curve is not { Count: > 0 } && Map(kit, t) is not null)
            .Select(t => $"{w.Well} {t.Target}")).ToList();
        if (bare.Count == 0) return [];
        var cts = wells.Sum(w => w.Targets.Count(t => t.Ct is not null && Map(kit, t) is not null));
        return [$"curve check skipped for {bare.Count} of {cts} Ct values without a curve in the file: {string.Join(", ", bare.Take(10))}{(bare.Count > 10 ? ", …" : "")}"];
    }

    /// <summary>The note of a kit that checks curves applied to a file that has none: its Ct values are taken as they are.</summary>
    public const string NoCurvesNote = "curve check skipped: no curves in file";

    private sealed record Group(WellRole Role, List<int> Indexes);

    private static List<Group> Groups(AssayKit kit, IReadOnlyList<WellReading> wells, IReadOnlyDictionary<WellPosition, WellRole>? roles)
    {
        var groups = new List<Group>(wells.Count);
        var byName = new Dictionary<(WellRole, string), Group>();
        for (var i = 0; i < wells.Count; i++)
        {
            var well = wells[i];
            var role = RoleOf(kit, well, roles);
            var name = well.Sample?.Trim();
            if (kit.Layout == WellLayout.Singleplex && !string.IsNullOrEmpty(name))
            {
                var key = (role, name.ToUpperInvariant());
                if (byName.TryGetValue(key, out var existing))
                {
                    existing.Indexes.Add(i);
                    continue;
                }
                var group = new Group(role, [i]);
                byName[key] = group;
                groups.Add(group);
            }
            else
            {
                groups.Add(new Group(role, [i]));
            }
        }
        return groups;
    }

    private static WellRole RoleOf(AssayKit kit, WellReading well, IReadOnlyDictionary<WellPosition, WellRole>? roles)
    {
        if (roles is not null && roles.TryGetValue(well.Well, out var role)) return role;
        foreach (var rule in kit.Controls)
            if (rule.Matches(well.Sample)) return rule.Role;
        return WellRole.Sample;
    }

    private static void Evaluate(AssayKit kit, WellReading well, List<Evaluated> evaluated, List<string> reasons)
    {
        var firstOfWell = evaluated.Count;
        foreach (var reading in well.Targets)
        {
            var target = Map(kit, reading);
            if (target is null) continue;
            if (evaluated.Skip(firstOfWell).Any(e => e.Target == target))
            {
                reasons.Add($"Well {well.Well} reports {target.Name} twice.");
                evaluated.Add(new Evaluated(target, well.Well, Signal.None, $"{target.Name} reported twice in {well.Well}"));
                continue;
            }
            var signal = Evaluate(kit, target, reading, out var text);
            evaluated.Add(new Evaluated(target, well.Well, signal, text));
        }
    }

    /// <summary>By name or alias; by dye only when the instrument named the target after its dye (no gene name given).</summary>
    private static KitTarget? Map(AssayKit kit, TargetReading reading)
    {
        foreach (var target in kit.Targets)
            if (target.IsNamed(reading.Target)) return target;
        if (reading.Dye is null || AssayKit.NameKey(reading.Dye) != AssayKit.NameKey(reading.Target)) return null;
        var dye = AssayKit.NameKey(reading.Dye);
        var byDye = kit.Targets.Where(t => t.Dye is not null && AssayKit.NameKey(t.Dye) == dye).Take(2).ToList();
        return byDye.Count == 1 ? byDye[0] : null;
    }

    private static Signal Evaluate(AssayKit kit, KitTarget target, TargetReading reading, out string text)
    {
        if (reading.Ct is not { } ct)
        {
            text = $"{target.Name} no Ct";
            return Signal.None;
        }
        var ctText = ct.ToString("0.00", CultureInfo.InvariantCulture);
        if (kit.CurveCheck && reading.Curve is { Count: > 0 } curve && !AmplificationCurve.ShowsAmplification(curve, ct))
        {
            text = $"{target.Name} Ct {ctText} ignored: the curve does not rise";
            return Signal.None;
        }
        if (ct > target.CtCutoff)
        {
            text = $"{target.Name} Ct {ctText} above the cut-off {target.CtCutoff.ToString(CultureInfo.InvariantCulture)}";
            return Signal.None;
        }
        if (target.Role == TargetRole.Pathogen && kit.GreyZone is { } grey && grey.Contains(ct))
        {
            text = $"{target.Name} Ct {ctText} in the grey zone {grey}";
            return Signal.Grey;
        }
        if (ct < target.CtCutoff)
        {
            text = $"{target.Name} Ct {ctText}";
            return Signal.Detected;
        }
        text = $"{target.Name} Ct {ctText} at the cut-off {target.CtCutoff.ToString(CultureInfo.InvariantCulture)}";
        return Signal.None;
    }

    private static WellCall CallSample(AssayKit kit, List<Evaluated> evaluated, List<string> reasons)
    {
        var details = evaluated.Select(e => e.Text).ToList();
        var problems = new List<string>();
        var detected = 0;
        var weak = 0;
        foreach (var target in kit.PathogenTargets)
        {
            var readings = evaluated.Where(e => e.Target == target).ToList();
            if (readings.Count == 0) problems.Add($"{target.Name} was not measured");
            else if (readings.Count > 1) problems.Add($"{target.Name} was measured {readings.Count} times ({string.Join(", ", readings.Select(r => r.Well))})");
            else if (readings[0].Signal == Signal.Detected) detected++;
            else if (readings[0].Signal == Signal.Grey) weak++;
        }

        WellCall call;
        if (problems.Count > 0)
        {
            call = WellCall.Invalid;
            reasons.AddRange(problems);
        }
        else if (detected >= kit.RequiredPositiveTargets)
        {
            call = WellCall.Positive;
            reasons.Add($"{detected} of {kit.PathogenTargets.Count()} pathogen targets detected ({kit.RequiredPositiveTargets} required)");
        }
        else if (detected + weak > 0)
        {
            call = WellCall.Inconclusive;
            reasons.Add(weak > 0
                ? $"{detected + weak} pathogen target(s) amplified, {weak} in the grey zone: retest"
                : $"{detected} of {kit.RequiredPositiveTargets} required pathogen targets detected: retest");
        }
        else
        {
            var failedControls = kit.InternalControls
                .Where(ic => evaluated.Count(e => e.Target == ic) != 1 || evaluated.Single(e => e.Target == ic).Signal != Signal.Detected)
                .Select(ic => ic.Name)
                .ToList();
            if (failedControls.Count == 0)
            {
                call = WellCall.Negative;
                reasons.Add("no pathogen target amplified" + (kit.InternalControls.Any() ? ", internal control valid" : ""));
            }
            else
            {
                call = WellCall.Invalid;
                reasons.Add($"no pathogen target amplified and the internal control {string.Join(", ", failedControls)} failed: retest");
            }
        }
        reasons.AddRange(details);
        return call;
    }

    private static List<string> CheckControl(AssayKit kit, ControlRule rule, List<Evaluated> evaluated)
    {
        var failures = new List<string>();
        foreach (var target in kit.Targets)
        {
            var expectation = target.Role == TargetRole.Pathogen ? rule.PathogenTargets : rule.InternalControl;
            if (expectation == Expectation.Any) continue;
            var readings = evaluated.Where(e => e.Target == target).ToList();
            if (readings.Count == 0)
            {
                failures.Add($"{target.Name} was not measured");
                continue;
            }
            foreach (var reading in readings)
            {
                var amplified = reading.Signal != Signal.None;
                if (expectation == Expectation.Amplify && !amplified)
                    failures.Add($"{target.Name} must amplify but did not ({reading.Text})");
                else if (expectation == Expectation.Absent && amplified)
                    failures.Add($"{target.Name} must not amplify but did ({reading.Text})");
            }
        }
        return failures;
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

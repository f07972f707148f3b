using System.Globalization;
using Lims.Domain.Common;

namespace Lims.Domain.Assays;

public enum TargetRole
{
    Pathogen,
    InternalControl,
}

public enum WellLayout
{
    /// <summary>All targets of a sample in one well.</summary>
    Multiplex,

    /// <summary>One target per well; the wells of one sample name are read together (e.g. the CDC panel).</summary>
    Singleplex,
}

/// <summary>What a control expects of a group of targets.</summary>
public enum Expectation
{
    Any,
    Amplify,
    Absent,
}

/// <summary>A Ct range, both ends included.</summary>
public readonly record struct CtRange(double From, double To)
{
    public bool Contains(double ct) => ct >= From && ct <= To;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From:0.##}–{To:0.##}");
}

public sealed record KitTarget(string Name, string? Dye, TargetRole Role, IReadOnlyList<string> Aliases, double CtCutoff)
{
    /// <summary>Whether an instrument's target name means this target: its name or an alias, ignoring case, spaces and punctuation.</summary>
    public bool IsNamed(string instrumentName)
    {
        var key = AssayKit.NameKey(instrumentName);
        if (key.Length == 0) return false;
        if (AssayKit.NameKey(Name) == key) return true;
        foreach (var alias in Aliases)
            if (AssayKit.NameKey(alias) == key) return true;
        return false;
    }
}

/// <summary>A control the plate carries: how to recognise its wells by sample name and what its targets must do.</summary>
public sealed record ControlRule(WellRole Role, IReadOnlyList<string> SampleNames, Expectation PathogenTargets, Expectation InternalControl, bool Required)
{
    public static IReadOnlyList<string> DefaultNames(WellRole role) => role switch
    {
        WellRole.PositiveControl => ["PC", "POS", "PTC", "Positive", "Positive Control", "Pos Ctrl", "PosCtrl", "ControlPos", "nCoVPC", "阳性对照"],
        WellRole.NegativeControl => ["NTC", "NC", "NEG", "Negative", "Negative Control", "Neg Ctrl", "NegCtrl", "Blank", "H2O", "Water", "Agua", "阴性对照", "空白对照"],
        WellRole.ExtractionControl => ["EC", "HSC", "NEC", "Extraction Control", "ExtCtrl", "提取对照"],
        WellRole.Sample or WellRole.Empty => [],
    };

    /// <summary>Positive control amplifies every pathogen target; negative control (NTC) amplifies nothing; an extraction control must not amplify a pathogen target.</summary>
    public static IReadOnlyList<ControlRule> Defaults(bool hasInternalControl) =>
    [
        new(WellRole.PositiveControl, DefaultNames(WellRole.PositiveControl), Expectation.Amplify, Expectation.Any, Required: true),
        new(WellRole.NegativeControl, DefaultNames(WellRole.NegativeControl), Expectation.Absent, hasInternalControl ? Expectation.Absent : Expectation.Any, Required: true),
        new(WellRole.ExtractionControl, DefaultNames(WellRole.ExtractionControl), Expectation.Absent, Expectation.Any, Required: false),
    ];

    /// <summary>
    /// "NTC", "ntc", "NTC 1", "NTC-2", "NTC_a" and "NTC12" are all an NTC; "NTCX" and "NC0012345" are not:
    /// after the name comes nothing, a separator, or at most three digits.
    /// </summary>
    public bool Matches(string? sample)
    {
        if (string.IsNullOrWhiteSpace(sample)) return false;
        var s = sample.AsSpan().Trim();
        foreach (var name in SampleNames)
        {
            if (!s.StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = s[name.Length..];
            if (rest.IsEmpty || rest[0] is ' ' or '-' or '_' or '.' or '#' or '(' or '/') return true;
            if (rest.Length <= 3 && IsDigits(rest)) return true;
        }
        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }
}

/// <summary>
/// An assay kit: its targets, Ct cut-off, grey zone, positivity rule and control expectations.
/// Interpretation is driven entirely by this data. Create one with <see cref="Create"/>, which
/// refuses contradictory definitions with a <see cref="DomainException"/> coded <c>invalid-assay-kit</c>.
/// </summary>
public sealed class AssayKit
{
    public const string InvalidCode = "invalid-assay-kit";
    public const double MaxCt = 100;
    public const int MaxRetestLimit = 10;

    private AssayKit(string code, string name, string version, WellLayout layout, IReadOnlyList<KitTarget> targets, double ctCutoff,
        CtRange? greyZone, int requiredPositiveTargets, bool curveCheck, IReadOnlyList<ControlRule> controls, int maxRetests)
    {
        Code = code;
        Name = name;
        Version = version;
        Layout = layout;
        Targets = targets;
        CtCutoff = ctCutoff;
        GreyZone = greyZone;
        RequiredPositiveTargets = requiredPositiveTargets;
        CurveCheck = curveCheck;
        Controls = controls;
        MaxRetests = maxRetests;
    }

    public string Code { get; }
    public string Name { get; }
    public string Version { get; }
    public WellLayout Layout { get; }
    public IReadOnlyList<KitTarget> Targets { get; }
    public double CtCutoff { get; }
    public CtRange? GreyZone { get; }
    public int RequiredPositiveTargets { get; }
    public bool CurveCheck { get; }
    public IReadOnlyList<ControlRule> Controls { get; }

    /// <summary>How often a tube may be retested on this kit before a new collection is required.</summary>
    public int MaxRetests { get; }

    public IEnumerable<KitTarget> PathogenTargets => Targets.Where(t => t.Role == TargetRole.Pathogen);
    public IEnumerable<KitTarget> InternalControls => Targets.Where(t => t.Role == TargetRole.InternalControl);

    public static AssayKit Create(AssayKitDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);

        var code = Required(definition.Code, "code").Trim();
        if (code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Invalid($"A kit code is 1 to 40 letters, digits, '-', '_' or '.'; '{code}' is not one.");
        var name = Required(definition.Name, "name").Trim();
        var version = Required(definition.Version, "version").Trim();
        var layout = definition.Layout?.Trim().ToLowerInvariant() switch
        {
            null or "multiplex" => WellLayout.Multiplex,
            "singleplex" => WellLayout.Singleplex,
            var other => throw Invalid($"Kit {code}: layout is multiplex or singleplex, not '{other}'."),
        };

        var ctCutoff = definition.CtCutoff ?? throw Invalid($"Kit {code}: ctCutoff is required.");
        CheckCt(ctCutoff, $"Kit {code}: ctCutoff");

        var targets = CheckTargets(code, definition.Targets, ctCutoff, layout);
        var pathogens = targets.Count(t => t.Role == TargetRole.Pathogen);
        var hasInternalControl = targets.Any(t => t.Role == TargetRole.InternalControl);

        CtRange? greyZone = null;
        if (definition.GreyZone is { } grey)
        {
            var from = grey.From ?? throw Invalid($"Kit {code}: greyZone.from is required.");
            var to = grey.To ?? throw Invalid($"Kit {code}: greyZone.to is required.");
            CheckCt(from, $"Kit {code}: greyZone.from");
            CheckCt(to, $"Kit {code}: greyZone.to");
            if (from >= to)
                throw Invalid(Fmt($"Kit {code}: the grey zone must start below its end; {from}–{to} does not."));
            if (from >= ctCutoff)
                throw Invalid(Fmt($"Kit {code}: the grey zone {from}–{to} starts at or above the Ct cut-off {ctCutoff}, so it can never apply."));
            if (to > ctCutoff)
                throw Invalid(Fmt($"Kit {code}: the grey zone {from}–{to} ends above the Ct cut-off {ctCutoff}; a Ct above the cut-off is no amplification."));
            greyZone = new CtRange(from, to);
        }

        var required = definition.RequiredPositiveTargets ?? pathogens;
        if (required < 1)
            throw Invalid($"Kit {code}: requiredPositiveTargets must be at least 1, not {required}.");
        if (required > pathogens)
            throw Invalid($"Kit {code}: requiredPositiveTargets is {required} but the kit has only {pathogens} pathogen target{(pathogens == 1 ? "" : "s")}.");

        var maxRetests = definition.MaxRetests ?? 2;
        if (maxRetests is < 0 or > MaxRetestLimit)
            throw Invalid($"Kit {code}: maxRetests is 0 to {MaxRetestLimit}, not {maxRetests}.");

        var controls = CheckControls(code, definition.Controls, hasInternalControl);

        return new AssayKit(code, name, version, layout, targets, ctCutoff, greyZone, required, definition.CurveCheck ?? true, controls, maxRetests);
    }

    /// <summary>The definition this kit was made from, with every default filled in.</summary>
    public AssayKitDefinition ToDefinition() => new()
    {
        Code = Code,
        Name = Name,
        Version = Version,
        Layout = Layout == WellLayout.Singleplex ? "singleplex" : "multiplex",
        Targets = Targets.Select(t => new KitTargetDefinition
        {
            Name = t.Name,
            Dye = t.Dye,
            Role = RoleCode(t.Role),
            Aliases = t.Aliases.Count == 0 ? null : t.Aliases,
            CtCutoff = t.CtCutoff == CtCutoff ? null : t.CtCutoff,
        }).ToList(),
        CtCutoff = CtCutoff,
        GreyZone = GreyZone is { } g ? new CtRangeDefinition { From = g.From, To = g.To } : null,
        RequiredPositiveTargets = RequiredPositiveTargets,
        CurveCheck = CurveCheck,
        Controls = Controls.Select(c => new ControlRuleDefinition
        {
            Role = ControlRoleCode(c.Role),
            SampleNames = c.SampleNames,
            PathogenTargets = ExpectationCode(c.PathogenTargets),
            InternalControl = ExpectationCode(c.InternalControl),
            Required = c.Required,
        }).ToList(),
        MaxRetests = MaxRetests,
    };

    public static string RoleCode(TargetRole role) => role switch
    {
        TargetRole.Pathogen => "pathogen",
        TargetRole.InternalControl => "internal-control",
    };

    public static string ControlRoleCode(WellRole role) => role switch
    {
        WellRole.PositiveControl => "positive",
        WellRole.NegativeControl => "negative",
        WellRole.ExtractionControl => "extraction",
        WellRole.Sample => "sample",
        WellRole.Empty => "empty",
    };

    public static string ExpectationCode(Expectation expectation) => expectation switch
    {
        Expectation.Any => "any",
        Expectation.Amplify => "amplify",
        Expectation.Absent => "absent",
    };

    /// <summary>Target names compare without case, spaces or punctuation: "ORF1ab", "ORF-1AB" and "orf 1ab" are one name.</summary>
    internal static string NameKey(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToUpperInvariant(c);
        return new string(buffer[..n]);
    }

    private static List<KitTarget> CheckTargets(string code, IReadOnlyList<KitTargetDefinition>? definitions, double ctCutoff, WellLayout layout)
    {
        if (definitions is null || definitions.Count == 0)
            throw Invalid($"Kit {code}: a kit has at least one target.");

        var targets = new List<KitTarget>(definitions.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i] ?? throw Invalid($"Kit {code}: targets[{i}] is empty.");
            var name = d.Name?.Trim();
            if (string.IsNullOrEmpty(name) || NameKey(name).Length == 0)
                throw Invalid($"Kit {code}: targets[{i}] needs a name with a letter or digit.");
            var role = d.Role?.Trim().ToLowerInvariant() switch
            {
                "pathogen" => TargetRole.Pathogen,
                "internal-control" or "internalcontrol" or "ic" => TargetRole.InternalControl,
                var other => throw Invalid($"Kit {code}: target {name} has role '{other}'; a role is pathogen or internal-control."),
            };
            var cutoff = d.CtCutoff ?? ctCutoff;
            CheckCt(cutoff, $"Kit {code}: target {name} ctCutoff");

            var aliases = (d.Aliases ?? []).Select(a => a?.Trim() ?? "").ToList();
            foreach (var label in aliases.Prepend(name))
            {
                var key = NameKey(label);
                if (key.Length == 0)
                    throw Invalid($"Kit {code}: target {name} has an empty alias.");
                if (names.TryGetValue(key, out var owner))
                    throw Invalid(owner == i
                        ? $"Kit {code}: target {name} lists the name '{label}' twice (names compare without case, spaces or punctuation)."
                        : $"Kit {code}: the name '{label}' of target {name} is already used by target {targets[owner].Name}; target names and aliases must be unique.");
                names[key] = i;
            }
            targets.Add(new KitTarget(name, string.IsNullOrWhiteSpace(d.Dye) ? null : d.Dye.Trim(), role, aliases, cutoff));
        }

        if (!targets.Any(t => t.Role == TargetRole.Pathogen))
            throw Invalid($"Kit {code}: a kit needs at least one pathogen target; it has only internal controls.");

        if (layout == WellLayout.Multiplex)
        {
            var sameDye = targets.Where(t => t.Dye is not null)
                .GroupBy(t => NameKey(t.Dye!))
                .FirstOrDefault(g => g.Count() > 1);
            if (sameDye is not null)
                throw Invalid($"Kit {code}: targets {string.Join(" and ", sameDye.Select(t => t.Name))} share the dye {sameDye.First().Dye} in one multiplex well; they cannot be told apart.");
        }
        return targets;
    }

    private static List<ControlRule> CheckControls(string code, IReadOnlyList<ControlRuleDefinition>? definitions, bool hasInternalControl)
    {
        if (definitions is null) return [.. ControlRule.Defaults(hasInternalControl)];

        var rules = new List<ControlRule>(definitions.Count);
        var names = new Dictionary<string, WellRole>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i] ?? throw Invalid($"Kit {code}: controls[{i}] is empty.");
            var role = d.Role?.Trim().ToLowerInvariant() switch
            {
                "positive" => WellRole.PositiveControl,
                "negative" => WellRole.NegativeControl,
                "extraction" => WellRole.ExtractionControl,
                var other => throw Invalid($"Kit {code}: controls[{i}] has role '{other}'; a control is positive, negative or extraction."),
            };
            var label = ControlRoleCode(role);
            if (rules.Any(r => r.Role == role))
                throw Invalid($"Kit {code}: the {label} control is defined twice.");

            var pathogen = ParseExpectation(code, label, "pathogenTargets", d.PathogenTargets, role switch
            {
                WellRole.PositiveControl => Expectation.Amplify,
                _ => Expectation.Absent,
            });
            var internalControl = ParseExpectation(code, label, "internalControl", d.InternalControl,
                role == WellRole.NegativeControl && hasInternalControl ? Expectation.Absent : Expectation.Any);

            if (role == WellRole.PositiveControl && pathogen != Expectation.Amplify)
                throw Invalid($"Kit {code}: a positive control must amplify the pathogen targets; pathogenTargets is {ExpectationCode(pathogen)}.");
            if (role == WellRole.NegativeControl && pathogen != Expectation.Absent)
                throw Invalid($"Kit {code}: a negative control must not amplify the pathogen targets; pathogenTargets is {ExpectationCode(pathogen)}.");
            if (!hasInternalControl && internalControl != Expectation.Any)
                throw Invalid($"Kit {code}: the {label} control expects the internal control to {ExpectationCode(internalControl)}, but the kit has no internal-control target.");

            var sampleNames = d.SampleNames is null
                ? ControlRule.DefaultNames(role)
                : d.SampleNames.Select(n => n?.Trim() ?? "").ToList();
            if (sampleNames.Count == 0)
                throw Invalid($"Kit {code}: the {label} control needs at least one sample name.");
            foreach (var sampleName in sampleNames)
            {
                if (sampleName.Length == 0)
                    throw Invalid($"Kit {code}: the {label} control has an empty sample name.");
                if (names.TryGetValue(sampleName, out var other))
                    throw Invalid(other == role
                        ? $"Kit {code}: the {label} control lists the sample name '{sampleName}' twice."
                        : $"Kit {code}: the sample name '{sampleName}' is both a {ControlRoleCode(other)} and a {label} control.");
                names[sampleName] = role;
            }

            rules.Add(new ControlRule(role, sampleNames, pathogen, internalControl, d.Required ?? role != WellRole.ExtractionControl));
        }
        return rules;
    }

    private static Expectation ParseExpectation(string code, string label, string field, string? value, Expectation fallback) =>
        value?.Trim().ToLowerInvariant() switch
        {
            null => fallback,
            "amplify" => Expectation.Amplify,
            "absent" => Expectation.Absent,
            "any" => Expectation.Any,
            var other => throw Invalid($"Kit {code}: the {label} control's {field} is amplify, absent or any, not '{other}'."),
        };

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"A kit needs a {field}.") : value;

    private static void CheckCt(double value, string what)
    {
        if (!double.IsFinite(value) || value <= 0 || value > MaxCt)
            throw Invalid(Fmt($"{what} must be a Ct above 0 and at most {MaxCt}; {value} is not."));
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static DomainException Invalid(string message) => new(InvalidCode, message);
}

namespace Lims.Domain.Assays;

/// <summary>Kits every installation knows. Labs add their own as JSON (<see cref="AssayKitJson"/>).</summary>
public static class BuiltInKits
{
    /// <summary>
    /// A typical Chinese SARS-CoV-2 kit: ORF1ab (FAM) + N (VIC) + internal control (Cy5) in one well,
    /// cut-off 40, grey zone 35–40, both targets for a positive call.
    /// </summary>
    public static AssayKit ChinaOrf1abN { get; } = AssayKit.Create(new AssayKitDefinition
    {
        Code = "cn-orf1ab-n",
        Name = "SARS-CoV-2 ORF1ab/N nucleic acid detection kit (typical China kit)",
        Version = "1",
        Layout = "multiplex",
        Targets =
        [
            new KitTargetDefinition { Name = "ORF1ab", Dye = "FAM", Role = "pathogen", Aliases = ["ORF1"] },
            new KitTargetDefinition { Name = "N", Dye = "VIC", Role = "pathogen", Aliases = ["N gene"] },
            new KitTargetDefinition { Name = "IC", Dye = "Cy5", Role = "internal-control", Aliases = ["Internal Control", "RNase P", "RNAsaP", "RP", "内标"] },
        ],
        CtCutoff = 40,
        GreyZone = new CtRangeDefinition { From = 35, To = 40 },
        RequiredPositiveTargets = 2,
        CurveCheck = true,
        Controls =
        [
            new ControlRuleDefinition { Role = "positive", PathogenTargets = "amplify", InternalControl = "any", Required = true },
            new ControlRuleDefinition { Role = "negative", PathogenTargets = "absent", InternalControl = "any", Required = true },
            new ControlRuleDefinition { Role = "extraction", PathogenTargets = "absent", InternalControl = "any", Required = false },
        ],
        MaxRetests = 2,
    });

    /// <summary>
    /// CDC 2019-nCoV Real-Time RT-PCR Diagnostic Panel: N1, N2 and RNase P (RP) run in separate wells, cut-off 40,
    /// both N1 and N2 for a positive call; RP is the internal/extraction control. The positive control is a
    /// synthetic N transcript: it must amplify N1 and N2 and must not amplify RP (human material in it means
    /// contamination). The extraction control must not amplify N1 or N2; RP is not judged there, since labs use
    /// both a blank and a human specimen control under that name.
    /// </summary>
    public static AssayKit Cdc2019nCoV { get; } = AssayKit.Create(new AssayKitDefinition
    {
        Code = "cdc-2019-ncov",
        Name = "CDC 2019-nCoV Real-Time RT-PCR Diagnostic Panel",
        Version = "EUA rev. 8",
        Layout = "singleplex",
        Targets =
        [
            new KitTargetDefinition { Name = "N1", Dye = "FAM", Role = "pathogen", Aliases = ["2019-nCoV_N1", "nCoV_N1"] },
            new KitTargetDefinition { Name = "N2", Dye = "FAM", Role = "pathogen", Aliases = ["2019-nCoV_N2", "nCoV_N2"] },
            new KitTargetDefinition { Name = "RP", Dye = "FAM", Role = "internal-control", Aliases = ["RNase P", "RNAsaP", "RPP30"] },
        ],
        CtCutoff = 40,
        RequiredPositiveTargets = 2,
        CurveCheck = true,
        Controls =
        [
            new ControlRuleDefinition { Role = "positive", SampleNames = ["PTC", "PC", "POS", "nCoVPC", "Positive", "Positive Control"], PathogenTargets = "amplify", InternalControl = "absent", Required = true },
            new ControlRuleDefinition { Role = "negative", SampleNames = ["NTC", "NC", "NEG", "Negative", "Negative Control", "Blank"], PathogenTargets = "absent", InternalControl = "absent", Required = true },
            new ControlRuleDefinition { Role = "extraction", SampleNames = ["EC", "HSC", "NEC", "Extraction Control"], PathogenTargets = "absent", InternalControl = "any", Required = false },
        ],
        MaxRetests = 2,
    });

    public static IReadOnlyList<AssayKit> All { get; } = [ChinaOrf1abN, Cdc2019nCoV];

    public static AssayKit? Find(string code) =>
        All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

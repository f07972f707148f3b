using Lims.Domain.Assays;
using Lims.Domain.Plates;

namespace Lims.Domain.Tests.Assays;

public sealed class InterpretationTests
{
    private static readonly AssayKit China = BuiltInKits.ChinaOrf1abN;
    private static readonly AssayKit Cdc = BuiltInKits.Cdc2019nCoV;

    private static WellReading Well(string well, string? sample, params (string Target, double? Ct)[] targets) =>
        new(WellPosition.Parse(well), sample, targets.Select(t => new TargetReading(t.Target, null, t.Ct)).ToList());

    private static WellReading China3(string well, string? sample, double? orf1ab, double? n, double? ic) =>
        Well(well, sample, ("ORF1ab", orf1ab), ("N", n), ("IC", ic));

    /// <summary>A passing positive control and NTC, so only the sample under test decides.</summary>
    private static List<WellReading> ChinaPlate(params WellReading[] samples) =>
        [China3("H11", "PC", 28, 29, 30), China3("H12", "NTC", null, null, null), .. samples];

    private static WellInterpretation CallOf(PlateInterpretation result, string well) =>
        result.Wells.Single(w => w.Well == WellPosition.Parse(well));

    [Fact]
    public void China_both_targets_below_the_grey_zone_is_positive()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", 24.1, 26.3, 30)));

        Assert.Equal(WellCall.Positive, CallOf(result, "A1").Call);
        Assert.True(result.Qc.Passed, string.Join(" ", result.Qc.Reasons));
    }

    [Fact]
    public void China_positive_stands_even_when_a_strong_virus_load_suppresses_the_internal_control()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", 18, 19, null)));
        Assert.Equal(WellCall.Positive, CallOf(result, "A1").Call);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(41.5, null)]
    [InlineData(null, 45.0)]
    public void China_no_target_below_the_cut_off_with_a_valid_internal_control_is_negative(double? orf1ab, double? n)
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", orf1ab, n, 29.5)));

        var call = CallOf(result, "A1");
        Assert.Equal(WellCall.Negative, call.Call);
        Assert.Contains(call.Reasons, r => r.Contains("internal control valid"));
    }

    [Theory]
    [InlineData(30.0, null)]
    [InlineData(null, 31.0)]
    public void China_one_target_only_is_inconclusive(double? orf1ab, double? n)
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", orf1ab, n, 29)));
        Assert.Equal(WellCall.Inconclusive, CallOf(result, "A1").Call);
    }

    [Theory]
    [InlineData(30.0, 36.5)]
    [InlineData(37.0, 38.0)]
    [InlineData(35.0, 20.0)]
    [InlineData(40.0, null)]
    public void China_a_ct_in_the_grey_zone_is_inconclusive(double? orf1ab, double? n)
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", orf1ab, n, 29)));

        var call = CallOf(result, "A1");
        Assert.Equal(WellCall.Inconclusive, call.Call);
        Assert.Contains(call.Reasons, r => r.Contains("grey zone"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(42.0)]
    public void China_no_target_and_a_failed_internal_control_is_invalid(double? ic)
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", null, null, ic)));

        var call = CallOf(result, "A1");
        Assert.Equal(WellCall.Invalid, call.Call);
        Assert.Contains(call.Reasons, r => r.Contains("internal control IC failed"));
    }

    [Fact]
    public void A_kit_target_the_well_did_not_measure_makes_it_invalid()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(Well("A1", "T1", ("ORF1ab", 25), ("IC", 30))));

        var call = CallOf(result, "A1");
        Assert.Equal(WellCall.Invalid, call.Call);
        Assert.Contains("N was not measured", call.Reasons);
    }

    [Fact]
    public void Instrument_target_names_map_to_kit_targets_ignoring_case_punctuation_and_by_alias()
    {
        var well = Well("A1", "T1", ("orf-1ab", 25), ("n gene", 26), ("RNase P", 30));

        Assert.Equal(WellCall.Positive, CallOf(PlateInterpreter.Interpret(China, ChinaPlate(well)), "A1").Call);
    }

    [Fact]
    public void A_target_named_only_by_its_dye_maps_to_the_kit_target_on_that_dye()
    {
        var well = new WellReading(WellPosition.Parse("A1"), "T1",
        [
            new TargetReading("FAM", "FAM", 25),
            new TargetReading("VIC", "VIC", 27),
            new TargetReading("Cy5", "Cy5", 30),
        ]);

        Assert.Equal(WellCall.Positive, CallOf(PlateInterpreter.Interpret(China, ChinaPlate(well)), "A1").Call);
    }

    [Fact]
    public void A_gene_the_kit_does_not_know_is_not_mapped_by_dye()
    {
        var well = new WellReading(WellPosition.Parse("A1"), "T1",
        [
            new TargetReading("E gene", "FAM", 25),
            new TargetReading("N", "VIC", 27),
            new TargetReading("IC", "Cy5", 30),
        ]);

        Assert.Equal(WellCall.Invalid, CallOf(PlateInterpreter.Interpret(China, ChinaPlate(well)), "A1").Call);
    }

    [Fact]
    public void A_ct_on_a_flat_curve_is_not_an_amplification()
    {
        var flat = Enumerable.Range(0, 40).Select(i => 0.001 * Math.Sin(i)).ToArray();
        var well = new WellReading(WellPosition.Parse("A1"), "T1",
        [
            new TargetReading("ORF1ab", null, 27, flat),
            new TargetReading("N", null, 28, flat),
            new TargetReading("IC", null, 30, Sigmoid(30)),
        ]);

        var call = CallOf(PlateInterpreter.Interpret(China, ChinaPlate(well)), "A1");

        Assert.Equal(WellCall.Negative, call.Call);
        Assert.Contains(call.Reasons, r => r.Contains("ORF1ab Ct 27.00 ignored: the curve does not rise"));
    }

    [Fact]
    public void A_ct_on_a_rising_curve_counts()
    {
        var well = new WellReading(WellPosition.Parse("A1"), "T1",
        [
            new TargetReading("ORF1ab", null, 27, Sigmoid(27)),
            new TargetReading("N", null, 28, Sigmoid(28)),
            new TargetReading("IC", null, 30, Sigmoid(30)),
        ]);

        Assert.Equal(WellCall.Positive, CallOf(PlateInterpreter.Interpret(China, ChinaPlate(well)), "A1").Call);
    }

    [Fact]
    public void A_kit_without_curve_check_trusts_the_ct()
    {
        var kit = AssayKit.Create(China.ToDefinition() with { CurveCheck = false });
        var flat = new double[40];
        var well = new WellReading(WellPosition.Parse("A1"), "T1",
            [new TargetReading("ORF1ab", null, 27, flat), new TargetReading("N", null, 28, flat), new TargetReading("IC", null, 30, flat)]);

        Assert.Equal(WellCall.Positive, CallOf(PlateInterpreter.Interpret(kit, ChinaPlate(well)), "A1").Call);
    }

    [Fact]
    public void Required_positives_below_the_number_of_targets_calls_one_target_positive()
    {
        var kit = AssayKit.Create(China.ToDefinition() with { RequiredPositiveTargets = 1 });

        var result = PlateInterpreter.Interpret(kit, ChinaPlate(China3("A1", "T1", 30, null, 29), China3("A2", "T2", 37, null, 29)));

        Assert.Equal(WellCall.Positive, CallOf(result, "A1").Call);
        Assert.Equal(WellCall.Inconclusive, CallOf(result, "A2").Call);
    }

    [Fact]
    public void Cdc_reads_the_singleplex_wells_of_one_sample_together()
    {
        List<WellReading> plate =
        [
            Well("A1", "PC", ("N1", 25)), Well("A2", "PC", ("N2", 26)), Well("A3", "PC", ("RP", null)),
            Well("B1", "NTC", ("N1", null)), Well("B2", "NTC", ("N2", null)), Well("B3", "NTC", ("RP", null)),
            Well("C1", "S1", ("N1", 30)), Well("C2", "S1", ("N2", 31)), Well("C3", "S1", ("RP", null)),
            Well("D1", "S2", ("N1", 30)), Well("D2", "S2", ("N2", null)), Well("D3", "S2", ("RP", 25)),
            Well("E1", "S3", ("N1", null)), Well("E2", "S3", ("N2", null)), Well("E3", "S3", ("RP", 25)),
            Well("F1", "S4", ("N1", null)), Well("F2", "S4", ("N2", 40.0)), Well("F3", "S4", ("RP", 41)),
        ];

        var result = PlateInterpreter.Interpret(Cdc, plate);

        Assert.True(result.Qc.Passed, string.Join(" ", result.Qc.Reasons));
        Assert.All(new[] { "C1", "C2", "C3" }, w => Assert.Equal(WellCall.Positive, CallOf(result, w).Call));
        Assert.All(new[] { "D1", "D2", "D3" }, w => Assert.Equal(WellCall.Inconclusive, CallOf(result, w).Call));
        Assert.All(new[] { "E1", "E2", "E3" }, w => Assert.Equal(WellCall.Negative, CallOf(result, w).Call));
        Assert.All(new[] { "F1", "F2", "F3" }, w => Assert.Equal(WellCall.Invalid, CallOf(result, w).Call));
        Assert.Equal(WellCall.ControlPass, CallOf(result, "A1").Call);
        Assert.Equal(WellRole.PositiveControl, CallOf(result, "A3").Role);
    }

    [Fact]
    public void Qc_passes_when_every_control_behaves()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", null, null, 28)));

        Assert.True(result.Qc.Passed);
        Assert.Equal("pass", result.Qc.Status);
        Assert.Empty(result.Qc.Reasons);
        Assert.Equal(WellCall.ControlPass, CallOf(result, "H11").Call);
        Assert.Equal(WellCall.ControlPass, CallOf(result, "H12").Call);
    }

    [Fact]
    public void A_positive_control_that_misses_a_target_fails_the_plate()
    {
        var result = PlateInterpreter.Interpret(China, [China3("H11", "PC", 28, null, 30), China3("H12", "NTC", null, null, null), China3("A1", "T1", null, null, 28)]);

        Assert.False(result.Qc.Passed);
        Assert.Equal(WellCall.ControlFail, CallOf(result, "H11").Call);
        var reason = Assert.Single(result.Qc.Reasons);
        Assert.Contains("Positive control PC (H11) failed: N must amplify but did not", reason);
        Assert.Equal(WellCall.Negative, CallOf(result, "A1").Call);
    }

    [Fact]
    public void A_negative_control_that_amplifies_fails_the_plate()
    {
        var result = PlateInterpreter.Interpret(China, [China3("H11", "PC", 28, 29, 30), China3("H12", "NTC", null, 36.2, null)]);

        Assert.False(result.Qc.Passed);
        Assert.Contains("Negative control NTC (H12) failed: N must not amplify but did (N Ct 36.20 in the grey zone 35–40)", Assert.Single(result.Qc.Reasons));
    }

    [Fact]
    public void A_plate_without_a_positive_or_negative_control_fails()
    {
        var result = PlateInterpreter.Interpret(China, [China3("A1", "T1", null, null, 28)]);

        Assert.False(result.Qc.Passed);
        Assert.Contains(result.Qc.Reasons, r => r.StartsWith("The plate has no positive control"));
        Assert.Contains(result.Qc.Reasons, r => r.StartsWith("The plate has no negative control"));
    }

    [Fact]
    public void An_extraction_control_that_amplifies_a_pathogen_fails_the_plate()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("G12", "EC", 33, null, 28)));

        Assert.False(result.Qc.Passed);
        Assert.Equal(WellCall.ControlFail, CallOf(result, "G12").Call);
        Assert.Contains("Extraction control EC (G12) failed: ORF1ab must not amplify", Assert.Single(result.Qc.Reasons));
    }

    [Fact]
    public void Cdc_positive_control_must_not_amplify_the_human_rnase_p()
    {
        List<WellReading> plate =
        [
            Well("A1", "PTC", ("N1", 25)), Well("A2", "PTC", ("N2", 26)), Well("A3", "PTC", ("RP", 31.3)),
            Well("B1", "NTC", ("N1", null)), Well("B2", "NTC", ("N2", null)), Well("B3", "NTC", ("RP", null)),
        ];

        var result = PlateInterpreter.Interpret(Cdc, plate);

        Assert.False(result.Qc.Passed);
        Assert.Contains("Positive control PTC (A1, A2, A3) failed: RP must not amplify but did (RP Ct 31.30)", Assert.Single(result.Qc.Reasons));
    }

    [Fact]
    public void An_explicit_role_map_overrides_sample_names()
    {
        List<WellReading> plate = [China3("A1", "Ctrl+", 28, 29, 30), China3("A2", "blank", null, null, null), China3("A3", "NTC", 25, 26, 27)];
        var roles = new Dictionary<WellPosition, WellRole>
        {
            [WellPosition.Parse("A1")] = WellRole.PositiveControl,
            [WellPosition.Parse("A2")] = WellRole.NegativeControl,
            [WellPosition.Parse("A3")] = WellRole.Sample,
        };

        var result = PlateInterpreter.Interpret(China, plate, roles);

        Assert.True(result.Qc.Passed, string.Join(" ", result.Qc.Reasons));
        Assert.Equal(WellCall.Positive, CallOf(result, "A3").Call);
        Assert.Equal(WellRole.Sample, CallOf(result, "A3").Role);
        Assert.Equal(WellCall.ControlPass, CallOf(result, "A1").Call);
    }

    [Fact]
    public void Wells_come_back_in_plate_order()
    {
        var result = PlateInterpreter.Interpret(China, [China3("B1", "T2", null, null, 28), China3("A2", "T1", null, null, 28), China3("A1", "PC", 20, 20, 20)]);
        Assert.Equal(["A1", "A2", "B1"], result.Wells.Select(w => w.Well.ToString()));
    }

    [Fact]
    public void An_empty_well_that_amplifies_any_target_of_the_kit_fails_the_plate_and_one_that_does_not_passes()
    {
        List<WellReading> plate = [China3("H11", "PC", 28, 29, 30), China3("H12", "NTC", null, null, null), China3("F5", null, null, null, 33.1), China3("F6", null, 41, null, null)];
        var roles = new Dictionary<WellPosition, WellRole> { [WellPosition.Parse("F5")] = WellRole.Empty, [WellPosition.Parse("F6")] = WellRole.Empty };

        var result = PlateInterpreter.Interpret(China, plate, roles);

        Assert.False(result.Qc.Passed);
        Assert.Equal(["Amplification in empty well F5 (IC Ct 33.10): contamination or a misload."], result.Qc.Reasons);
        Assert.Equal((WellRole.Empty, WellCall.ControlFail), (CallOf(result, "F5").Role, CallOf(result, "F5").Call));
        // A Ct above the cut-off is no amplification.
        Assert.Equal(WellCall.ControlPass, CallOf(result, "F6").Call);
    }

    [Fact]
    public void A_kit_that_checks_curves_notes_a_file_without_curves_and_qc_still_passes()
    {
        var result = PlateInterpreter.Interpret(China, ChinaPlate(China3("A1", "T1", null, null, 28)));

        Assert.True(result.Qc.Passed);
        Assert.Equal([PlateInterpreter.NoCurvesNote], result.Qc.Notes);
        Assert.Equal("curve check skipped: no curves in file", PlateInterpreter.NoCurvesNote);
    }

    [Fact]
    public void A_kit_that_checks_curves_notes_the_ct_values_without_one_and_nothing_when_every_ct_has_its_curve()
    {
        static WellReading Curved(string well, string sample, double? orf1ab, double? n, double? ic, bool curves = true) =>
            new(WellPosition.Parse(well), sample, [.. new[] { ("ORF1ab", orf1ab), ("N", n), ("IC", ic) }
                .Select(t => new TargetReading(t.Item1, null, t.Item2, curves && t.Item2 is { } ct ? Sigmoid(ct) : null))]);
        List<WellReading> complete = [Curved("H11", "PC", 28, 29, 30), Curved("H12", "NTC", null, null, null), Curved("A1", "T1", null, null, 28)];
        List<WellReading> partial = [.. complete.Take(2), Curved("A1", "T1", null, null, 28, curves: false)];

        Assert.Empty(PlateInterpreter.Interpret(China, complete).Qc.Notes);
        Assert.Equal(["curve check skipped for 1 of 4 Ct values without a curve in the file: A1 IC"], PlateInterpreter.Interpret(China, partial).Qc.Notes);
        var noCheck = AssayKit.Create(China.ToDefinition() with { Code = "no-curves", CurveCheck = false });
        Assert.Empty(PlateInterpreter.Interpret(noCheck, ChinaPlate(China3("A1", "T1", null, null, 28))).Qc.Notes);
    }

    internal static double[] Sigmoid(double ct, int cycles = 40) =>
        Enumerable.Range(1, cycles).Select(c => 0.002 * Math.Sin(c) + 2.0 / (1 + Math.Exp(-(c - ct - 2) / 1.2))).ToArray();
}

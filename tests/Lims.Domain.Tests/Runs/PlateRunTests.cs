using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Runs;

public sealed class PlateRunTests
{
    private static readonly DateTimeOffset At = TestData.RegisteredAt.AddHours(3);
    private static readonly AssayKit China = BuiltInKits.ChinaOrf1abN;
    private static readonly RunFileInfo File = new("run.csv", new string('a', 64), 1234, "plain-csv", null);

    // ORF1ab, N, IC Ct values; null = no amplification.
    private static readonly double?[] Positive = [24.1, 25.3, 28.0];
    private static readonly double?[] Negative = [null, null, 27.5];
    private static readonly double?[] OneTarget = [30.2, null, 27.9];
    private static readonly double?[] NoInternalControl = [null, null, null];

    [Fact]
    public void A_passing_plate_calls_every_tube_and_sends_inconclusive_and_invalid_ones_to_retest()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Pooled, TubeKind.Single, TubeKind.Single, TubeKind.Single, TubeKind.Single);

        var (run, results) = Import(plate, tubes, Controls(), ("A1", Positive), ("B1", Negative), ("C1", OneTarget), ("D1", NoInternalControl), ("E1", Positive));

        Assert.True(run.QcPassed);
        Assert.Equal(PlateStatus.Interpreted, plate.Status);
        Assert.Equal(
            [(TubeOutcome.Called, WellCall.Positive), (TubeOutcome.Called, WellCall.Negative), (TubeOutcome.Retest, WellCall.Inconclusive),
             (TubeOutcome.Retest, WellCall.Invalid), (TubeOutcome.Called, WellCall.Positive)],
            results.Select(r => (r.Outcome, r.Call!.Value)));
        Assert.Equal([TubeStatus.Interpreted, TubeStatus.Interpreted, TubeStatus.Retest, TubeStatus.Retest, TubeStatus.Interpreted], tubes.Select(t => t.Status));
        Assert.Equal(TubeCall.Positive, tubes[0].Call);
        Assert.Equal([0, 0, 1, 1, 0], tubes.Select(t => t.RetestCount));
        // The pooled positive waits for the pooling engine; a single positive does not.
        Assert.True(tubes[0].AwaitingDeconvolution);
        Assert.False(tubes[4].AwaitingDeconvolution);
        // Every step is in the history: plated, amplified, interpreted (and sent to retest).
        Assert.Equal([TubeStatus.Plated, TubeStatus.Amplified, TubeStatus.Interpreted, TubeStatus.Retest], tubes[2].History.Skip(4).Select(h => h.To));
        Assert.Contains("inconclusive on plate P0000001 well C1", tubes[2].History[^1].Reason);
    }

    [Fact]
    public void The_run_keeps_every_well_with_its_targets_and_the_outcome_of_each_tube()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single);

        var (run, _) = Import(plate, tubes, Controls(), ("A1", Positive));

        Assert.Equal(["A1", "G12", "H12"], run.Wells.Select(w => w.Position.ToString()));
        var a1 = run.Wells[0];
        Assert.Equal((WellRole.Sample, WellCall.Positive, TubeOutcome.Called), (a1.Role, a1.Call, a1.Outcome!.Value));
        Assert.Equal(tubes[0].Id, a1.TubeId);
        Assert.Equal([24.1, 25.3, 28.0], a1.Targets.Select(t => t.Ct!.Value));
        Assert.Equal((WellRole.NegativeControl, WellCall.ControlPass), (run.Wells[1].Role, run.Wells[1].Call));
        Assert.Null(run.Wells[1].Outcome);
        Assert.Equal((File.Sha256, "cn-orf1ab-n", "1"), (run.Sha256, run.KitCode, run.KitVersion));
    }

    [Fact]
    public void A_failed_control_fails_the_plate_and_every_tube_goes_back_without_using_a_retest()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single, TubeKind.Single);

        // The NTC amplifies ORF1ab and N: contamination.
        var (run, results) = Import(plate, tubes, [("G12", "NTC", Positive), ("H12", "PC", Positive)], ("A1", Positive), ("B1", Negative));

        Assert.False(run.QcPassed);
        Assert.Contains(run.QcReasons, r => r.StartsWith("Negative control NTC (G12) failed", StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal((TubeOutcome.Replate, (WellCall?)null), (r.Outcome, r.Call)));
        Assert.All(tubes, t => Assert.Equal((TubeStatus.Retest, 0, (TubeCall?)null), (t.Status, t.RetestCount, t.Call)));
        Assert.StartsWith("plate P0000001 failed QC: Negative control NTC (G12) failed", tubes[0].History[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_kits_last_retest_an_inconclusive_tube_needs_recollection()
    {
        var tube = InactivatedTubes(TubeKind.Single)[0];
        for (var retest = 1; retest <= China.MaxRetests; retest++)
        {
            var (earlier, _) = SealedPlate([tube], $"P000010{retest}");
            Import(earlier, [tube], Controls(), ("A1", OneTarget));
            Assert.Equal((TubeStatus.Retest, retest), (tube.Status, tube.RetestCount));
        }

        var (plate, _) = SealedPlate([tube], "P0000199");
        var (_, results) = Import(plate, [tube], Controls(), ("A1", OneTarget));

        Assert.Equal(TubeOutcome.Recollection, Assert.Single(results).Outcome);
        Assert.Equal((TubeStatus.Interpreted, TubeCall.Inconclusive), (tube.Status, tube.Call));
        Assert.Equal(At, tube.RecollectionRequiredAt);
        Assert.Contains("after 2 of 2 retests", tube.History[^1].Reason);
        Assert.Equal("call-not-final", Assert.Throws<DomainException>(() => tube.Review(At, "reviewer")).Code);
    }

    [Fact]
    public void A_file_that_does_not_match_the_plate_lists_every_problem_and_changes_nothing()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single, TubeKind.Single, TubeKind.Single);
        var wells = new List<WellReading>
        {
            Reading("A1", tubes[1].Barcode.Value, Positive),   // B1's tube named in A1
            Reading("B1", "Sample 2", Negative),                // another name than the tube there
            Reading("F5", "X0000009", Negative),                // results where the plate has nothing
            Reading("A13", null, Negative),                     // not a well of a 96-well plate
            Reading("G12", "NTC", Negative),
            Reading("G12", "NTC", Negative),                    // twice
            Reading("H12", "PC", Positive),
        };

        var e = Assert.Throws<RunMismatchException>(() => PlateRun.Import(PlateRunId.New(), plate, tubes, China, File, wells, At, "tech"));

        Assert.Equal("run-does-not-match-plate", e.Code);
        Assert.Equal(
        [
            "The file does not match plate P0000001 (6 problems); nothing was imported.",
            $"Well A1 names tube {tubes[1].Barcode}, which the plate has in B1; the plate has tube {tubes[0].Barcode} in A1.",
            $"Well B1 holds tube {tubes[1].Barcode} on the plate, but the file names it 'Sample 2'.",
            "Well F5 has results for 'X0000009', but the plate has nothing in F5.",
            "The file has well A13, which a 96-well plate does not have.",
            "The file has well G12 twice.",
            $"Tube {tubes[2].Barcode} in C1 has no well in the file.",
        ], e.Mismatches);
        Assert.All(tubes, t => Assert.Equal(TubeStatus.Plated, t.Status));
        Assert.Equal(PlateStatus.Sealed, plate.Status);
    }

    [Fact]
    public void Wells_without_names_match_by_position_and_free_unnamed_wells_are_ignored()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single);

        var (run, results) = Import(plate, tubes, [("G12", null, Negative), ("H12", null, Positive)], ("A1", Positive), ("F5", NoInternalControl));

        Assert.True(run.QcPassed, string.Join(" ", run.QcReasons));
        Assert.Equal(WellCall.Positive, Assert.Single(results).Call);
        Assert.DoesNotContain(run.Wells, w => w.Position.ToString() == "F5");
    }

    [Fact]
    public void An_unnamed_free_well_that_amplifies_fails_the_plate_and_every_tube_goes_back_for_replating()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single, TubeKind.Pooled);

        var (run, results) = Import(plate, tubes, Controls(), ("A1", Negative), ("B1", Negative), ("F5", Positive), ("F6", NoInternalControl));

        Assert.False(run.QcPassed);
        Assert.Equal(["Amplification in empty well F5 (ORF1ab Ct 24.10, N Ct 25.30, IC Ct 28.00): contamination or a misload."], run.QcReasons);
        Assert.All(results, r => Assert.Equal((TubeOutcome.Replate, (WellCall?)null), (r.Outcome, r.Call)));
        Assert.All(tubes, t => Assert.Equal((TubeStatus.Retest, 0), (t.Status, t.RetestCount)));
        var f5 = Assert.Single(run.Wells, w => w.Position.ToString() == "F5");
        Assert.Equal((WellRole.Empty, WellCall.ControlFail, (TubeId?)null, (TubeOutcome?)null), (f5.Role, f5.Call, f5.TubeId, f5.Outcome));
        // A free unnamed well without any Ct is an empty well of a full-plate export: not kept.
        Assert.DoesNotContain(run.Wells, w => w.Position.ToString() == "F6");
    }

    [Fact]
    public void Every_well_the_plates_format_lacks_is_one_mismatch_named_or_not_with_a_ct_or_not()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single);
        var wells = new List<WellReading>
        {
            Reading("A1", tubes[0].Barcode.Value, Negative),
            Reading("A13", null, NoInternalControl),
            Reading("G12", "NTC", Negative),
            Reading("P24", "Spare", Negative),
            Reading("H12", "PC", Positive),
        };

        var e = Assert.Throws<RunMismatchException>(() => PlateRun.Import(PlateRunId.New(), plate, tubes, China, File, wells, At, "tech"));

        Assert.Equal(["The file does not match plate P0000001 (1 problem); nothing was imported.", "The file has 2 wells a 96-well plate does not have: A13, P24 ('Spare')."], e.Mismatches);
        Assert.Equal(TubeStatus.Plated, tubes[0].Status);
    }

    [Fact]
    public void A_plate_takes_one_run_and_only_once_sealed()
    {
        var tubes = InactivatedTubes(TubeKind.Single);
        var open = NewPlate("P0000301");
        open.Place(tubes[0], At, "tech");
        Assert.Equal("plate-not-sealed", Assert.Throws<DomainException>(() => Import(open, tubes, Controls(), ("A1", Positive))).Code);

        open.Seal(At, "tech");
        Import(open, tubes, Controls(), ("A1", Positive));
        Assert.Equal("plate-has-run", Assert.Throws<DomainException>(() => Import(open, tubes, Controls(), ("A1", Positive))).Code);
    }

    [Fact]
    public void A_tube_sent_to_retest_goes_on_a_new_plate_and_on_one_open_plate_only()
    {
        var (plate, tubes) = SealedPlate(TubeKind.Single);
        Import(plate, tubes, Controls(), ("A1", OneTarget));

        var next = NewPlate("P0000002");
        next.Place(tubes[0], At, "tech");
        Assert.Equal(TubeStatus.Plated, tubes[0].Status);
        Assert.Equal("tube-not-plateable", Assert.Throws<DomainException>(() => NewPlate("P0000003").Place(tubes[0], At, "tech")).Code);
    }

    [Fact]
    public void A_singleplex_kit_reads_a_tube_from_every_well_named_after_it()
    {
        var kit = BuiltInKits.Cdc2019nCoV;
        var tube = InactivatedTubes(TubeKind.Single)[0];
        var plate = Plate.Create(PlateId.New(), Barcode.Create("P0000401"), 96, kit, FillOrder.ColumnWise, At, "tech");
        plate.PlaceAt(tube, WellPosition.Parse("B5"), At, "tech");
        plate.Move(plate.Wells.Single(w => w.Role == WellRole.NegativeControl).Position, WellPosition.Parse("A1"));
        plate.Move(plate.Wells.Single(w => w.Role == WellRole.PositiveControl).Position, WellPosition.Parse("A9"));
        plate.Seal(At, "tech");
        var name = tube.Barcode.Value;
        List<WellReading> wells =
        [
            Single("A1", "NTC", "N1", null), Single("A2", "NTC", "N2", null), Single("A3", "NTC", "RP", null),
            Single("A9", "PTC", "N1", 25), Single("A10", "PTC", "N2", 26), Single("A11", "PTC", "RP", null),
            Single("B5", name, "N1", 31), Single("B6", name, "N2", 32), Single("B7", name, "RP", 27),
        ];

        var (run, results) = PlateRun.Import(PlateRunId.New(), plate, [tube], kit, File, wells, At, "tech");

        Assert.True(run.QcPassed, string.Join(" ", run.QcReasons));
        Assert.Equal(WellCall.Positive, Assert.Single(results).Call);
        Assert.Equal(["B5", "B6", "B7"], run.Wells.Where(w => w.TubeId == tube.Id).Select(w => w.Position.ToString()));
        Assert.Equal(3, run.Wells.Count(w => w.Role == WellRole.NegativeControl));
    }

    private static (PlateRun Run, IReadOnlyList<TubeResult> Results) Import(
        Plate plate, IReadOnlyList<Tube> tubes, IEnumerable<(string Well, string? Name, double?[] Cts)> controls, params (string Well, double?[] Cts)[] samples)
    {
        var byWell = plate.Wells.Where(w => w.TubeBarcode is not null).ToDictionary(w => w.Position.ToString(), w => w.Name);
        var wells = samples.Select(s => Reading(s.Well, byWell.GetValueOrDefault(s.Well), s.Cts))
            .Concat(controls.Select(c => Reading(c.Well, c.Name, c.Cts)))
            .ToList();
        return PlateRun.Import(PlateRunId.New(), plate, tubes, China, File, wells, At, "tech");
    }

    private static (string, string?, double?[])[] Controls() => [("G12", "NTC", Negative), ("H12", "PC", Positive)];

    private static WellReading Reading(string well, string? sample, double?[] cts) =>
        new(WellPosition.Parse(well), sample, [new("ORF1ab", "FAM", cts[0]), new("N", "VIC", cts[1]), new("IC", "Cy5", cts[2])]);

    private static WellReading Single(string well, string sample, string target, double? ct) =>
        new(WellPosition.Parse(well), sample, [new(target, "FAM", ct)]);

    private static (Plate, List<Tube>) SealedPlate(params TubeKind[] kinds) => SealedPlate(InactivatedTubes(kinds), "P0000001");

    private static (Plate, List<Tube>) SealedPlate(List<Tube> tubes, string barcode)
    {
        var plate = NewPlate(barcode);
        foreach (var tube in tubes) plate.Place(tube, At, "tech");
        plate.Seal(At, "tech");
        return (plate, tubes);
    }

    private static Plate NewPlate(string barcode) =>
        Plate.Create(PlateId.New(), Barcode.Create(barcode), 96, China, FillOrder.ColumnWise, At, "tech");

    private static List<Tube> InactivatedTubes(params TubeKind[] kinds) =>
        [.. kinds.Select(kind =>
        {
            var tube = TestData.Register(kind, kind == TubeKind.Pooled ? 10 : 1, barcode: $"R{Guid.NewGuid().ToString("N")[..9]}");
            tube.Ship(At.AddHours(-2), "courier");
            tube.Receive(At.AddHours(-1), "tech");
            tube.Inactivate(At.AddMinutes(-10), "tech");
            return tube;
        })];
}

using Lims.Domain.Assays;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Instruments;
using Lims.Scenarios;

namespace Lims.Infrastructure.Tests.Scenarios;

/// <summary>The scenario library's own logic: the numbered people and the run files it writes.</summary>
public sealed class ScenarioDataTests
{
    [Fact]
    public void Resident_ids_are_valid_and_distinct()
    {
        long[] numbers = [.. Enumerable.Range(0, 50_000).Select(n => (long)n), 424_242, 1_000_000, 9_999_999];

        var ids = numbers.Select(n => Population.ResidentId(n)).ToList();

        Assert.All(ids, id => Assert.True(PersonId.TryCreate(PersonIdType.CnResident, id, out _, out var error), error));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Resident_ids_keep_their_numbering()
    {
        // The tests' and benchmarks' data: person n is born on the first birth date + n / 1000 days, sequence n mod 1000.
        Assert.Equal("110105195001010004", Population.ResidentId(0));
        Assert.Equal("110105195103012422", Population.ResidentId(424_242));
        Assert.Equal("110105197705189996", Population.ResidentId(9_999_999));
        Assert.Equal("110105194209270003", Population.ResidentId(1_000_000, new DateOnly(1940, 1, 1)));
        Assert.Equal(new Person("cn-resident", "110105195001010004", "Person 0", "13800138000"), Population.Person(0));
        Assert.StartsWith("11010519500101000", Population.WithWrongCheckCharacter("110105195001010004"), StringComparison.Ordinal);
        Assert.False(PersonId.TryCreate(PersonIdType.CnResident, Population.WithWrongCheckCharacter("110105195001010004"), out _, out _));
    }

    [Fact]
    public void A_run_file_reads_back_with_its_planted_results_which_the_kit_calls_as_planted()
    {
        string[] tubes = [.. Enumerable.Range(1, 10).Select(i => $"T{i:D3}")];
        double?[][] planted = [.. Enumerable.Range(0, 10).Select(i => (i % 3) switch { 0 => RunFiles.Positive, 1 => RunFiles.Negative, _ => RunFiles.OneTarget })];

        var run = InstrumentFileReader.Parse(RunFiles.Csv("P0001", tubes, planted, RunFiles.Negative));

        Assert.Equal(InstrumentFormat.PlainCsv, run.Format);
        Assert.Equal(["A1", "A2", "B1", "B2", "C1", "D1", "E1", "F1", "G1", "G12", "H1", "H12"], run.Wells.Select(w => w.Well.ToString()));
        var byWell = run.Wells.ToDictionary(w => w.Well.ToString());
        Assert.Equal(["T009", "T010", "NTC", "PC"], new[] { "A2", "B2", "G12", "H12" }.Select(w => byWell[w].Sample));
        Assert.Equal([24.1, 25.3, 28.0], byWell["A1"].Targets.Select(t => t.Ct));
        Assert.Equal(["ORF1ab", "N", "IC"], byWell["B1"].Targets.Select(t => t.Target));
        Assert.Equal([null, null, 27.5], byWell["B1"].Targets.Select(t => t.Ct));

        var calls = PlateInterpreter.Interpret(BuiltInKits.ChinaOrf1abN, run.ToReadings());

        Assert.True(calls.Qc.Passed, string.Join(" ", calls.Qc.Reasons));
        var callOf = calls.Wells.ToDictionary(w => w.Sample!, w => w.Call);
        Assert.All(tubes.Select((t, i) => (Planted: i % 3, Call: callOf[t])), w =>
            Assert.Equal(w.Planted switch { 0 => WellCall.Positive, 1 => WellCall.Negative, _ => WellCall.Inconclusive }, w.Call));
        Assert.Equal(WellCall.ControlPass, callOf["NTC"]);
        Assert.Equal(WellCall.ControlPass, callOf["PC"]);
    }

    [Fact]
    public void A_run_file_fills_a_plate_up_to_its_controls_and_no_further()
    {
        string[] tubes = [.. Enumerable.Range(1, RunFiles.MaxTubes).Select(i => $"T{i:D3}")];
        double?[][] negative = [.. tubes.Select(_ => RunFiles.Negative)];

        var run = InstrumentFileReader.Parse(RunFiles.Csv("P0001", tubes, negative, RunFiles.Negative));

        Assert.Equal(96, run.Wells.Count);
        Assert.Equal("T094", run.Wells.Single(w => w.Well.ToString() == "F12").Sample);
        Assert.Throws<ArgumentException>(() => RunFiles.Csv("P0001", [.. tubes, "T095"], [.. negative, RunFiles.Negative], RunFiles.Negative));
    }
}

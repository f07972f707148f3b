using System.Diagnostics;
using System.Text.Json;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

public sealed class InstrumentReportTests
{
    [Fact]
    public void Parse_json_has_format_instrument_and_wells_with_targets()
    {
        var run = Samples.Read("QS6Flex_TaqMan_IPC_example02.txt");

        using var json = JsonDocument.Parse(InstrumentReport.ToJson(run));
        var root = json.RootElement;

        Assert.Equal("quantstudio-text", root.GetProperty("format").GetString());
        Assert.Equal("278880034", root.GetProperty("instrument").GetProperty("serial").GetString());
        var wells = root.GetProperty("wells");
        Assert.Equal(48, wells.GetArrayLength());
        var a1 = wells[0];
        Assert.Equal("A1", a1.GetProperty("well").GetString());
        Assert.Equal("NAC", a1.GetProperty("sample").GetString());
        var ipc = a1.GetProperty("targets")[0];
        Assert.Equal("IPC", ipc.GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, ipc.GetProperty("ct").ValueKind);
        Assert.Equal(40, ipc.GetProperty("curve").GetArrayLength());
        Assert.Equal(32.874, wells[1].GetProperty("targets")[0].GetProperty("ct").GetDouble());
        Assert.Equal(JsonValueKind.Null, wells[5].GetProperty("targets")[0].GetProperty("curve").ValueKind);
        Assert.False(root.TryGetProperty("qc", out _));
    }

    [Fact]
    public void Interpretation_json_adds_calls_and_plate_qc()
    {
        var run = Samples.Read("COVID_CDC_mock_failing_plate.eds");
        var interpretation = PlateInterpreter.Interpret(BuiltInKits.Cdc2019nCoV, run.ToReadings());

        using var json = JsonDocument.Parse(InstrumentReport.ToJson(run, interpretation));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("instrument").ValueKind);
        Assert.Equal("cdc-2019-ncov", root.GetProperty("kit").GetString());
        Assert.Equal("fail", root.GetProperty("qc").GetProperty("status").GetString());
        Assert.Contains("PTC 1", root.GetProperty("qc").GetProperty("reasons")[0].GetString());
        var a9 = root.GetProperty("wells").EnumerateArray().Single(w => w.GetProperty("well").GetString() == "A9");
        Assert.Equal("control-fail", a9.GetProperty("call").GetString());
        Assert.Equal("positive-control", a9.GetProperty("role").GetString());
        var b5 = root.GetProperty("wells").EnumerateArray().Single(w => w.GetProperty("well").GetString() == "B5");
        Assert.Equal("positive", b5.GetProperty("call").GetString());
    }

    [Fact]
    public void The_table_shows_wells_targets_cts_and_calls()
    {
        var run = Samples.Read("COVID_CDC_mock_passing_plate.eds");
        var table = InstrumentReport.ToTable(run, PlateInterpreter.Interpret(BuiltInKits.Cdc2019nCoV, run.ToReadings()));

        Assert.Contains("Format: abi-7500-eds", table);
        Assert.Matches(@"(?m)^B5\s+INM01\s+RP\s+31\.33\s+positive$", table);
        Assert.Contains("Plate QC: pass", table);
    }

    [Fact]
    public void A_kit_is_a_built_in_code_or_a_json_file()
    {
        Assert.Same(BuiltInKits.Cdc2019nCoV, InstrumentReport.ResolveKit("cdc-2019-ncov"));

        var path = Path.Combine(Path.GetTempPath(), $"lims-kit-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, AssayKitJson.Serialize(BuiltInKits.ChinaOrf1abN).Replace("cn-orf1ab-n", "lab-kit", StringComparison.Ordinal));
        try
        {
            Assert.Equal("lab-kit", InstrumentReport.ResolveKit(path).Code);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal("unknown-assay-kit", Assert.Throws<DomainException>(() => InstrumentReport.ResolveKit("no-such-kit")).Code);
    }

    [Theory]
    [InlineData("COVID_CDC_mock_passing_plate.eds")]
    [InlineData("QS6Flex_TaqMan_IPC_example02.txt")]
    [InlineData("BioRad_CFXMaestro_Quantification_Cq_Results_example01.csv")]
    public void Parsing_and_interpreting_a_96_well_file_takes_well_under_50_ms(string file)
    {
        var bytes = File.ReadAllBytes(Samples.PathOf(file));
        PlateInterpreter.Interpret(BuiltInKits.Cdc2019nCoV, InstrumentFileReader.Parse(bytes).ToReadings()); // warm up

        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var run = InstrumentFileReader.Parse(bytes);
            PlateInterpreter.Interpret(BuiltInKits.ChinaOrf1abN, run.ToReadings());
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        Assert.True(best < TimeSpan.FromMilliseconds(25), $"{file}: {best.TotalMilliseconds:0.0} ms");
    }
}

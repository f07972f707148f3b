using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>The shared sample files, with values read from the files by hand.</summary>
public sealed class SampleFileTests
{
    [Fact]
    public void Abi_7500_analysis_result_numbers_wells_from_0_and_reads_40_as_undetermined()
    {
        var run = Samples.Read("COVID_ABI_SDS_analysis_result_ejemplo.txt");

        Assert.Equal(InstrumentFormat.Abi7500AnalysisResult, run.Format);
        Assert.Equal(96, run.PlateSize);
        Assert.Null(run.Instrument);
        Assert.Equal(["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3", "D1", "D2", "D3"], run.Wells.Select(w => w.Well.ToString()));
        Assert.Equal("Agua", run.Well("A1").Sample);
        Assert.Equal(["ORF1ab", "RNAsaP"], run.Well("A1").Targets.Select(t => t.Target));
        Assert.Null(run.Ct("A1", "ORF1ab"));                         // "40.0" in a 40-cycle run: Undetermined
        Assert.Equal(27.42105, run.Ct("C1", "ORF1ab"));              // well 24
        Assert.Equal(26.255709, run.Ct("D3", "N"));                  // well 38
        Assert.Equal(36.90654, run.Ct("D3", "RNAsaP"));
        Assert.Null(run.Ct("D2", "RNAsaP"));
        var curve = run.Well("A1").Target("ORF1ab").Curve!;
        Assert.Equal(40, curve.Length);
        Assert.Equal(-0.008802516, curve[0]);                        // first Delta Rn value
    }

    [Theory]
    [InlineData("COVID_CDC_mock_passing_plate.eds", 27.067278)]
    [InlineData("COVID_CDC_mock_failing_plate.eds", 31.334206)]
    public void Abi_7500_eds_is_read_from_its_zip(string file, double positiveControlRp)
    {
        var run = Samples.Read(file);

        Assert.Equal(InstrumentFormat.Abi7500Eds, run.Format);
        Assert.Equal(21, run.Wells.Count);
        Assert.Equal("NTC 1", run.Well("A1").Sample);                // well 0
        Assert.Equal("RP", Assert.Single(run.Well("A1").Targets).Target);
        Assert.Equal("PTC 1", run.Well("A9").Sample);                // well 8
        Assert.Equal(positiveControlRp, run.Ct("A9", "RP"));
        Assert.Equal(31.334206, run.Ct("A10", "N1"));                // well 9
        Assert.Equal("EC 1", run.Well("D2").Sample);                 // well 37
        Assert.Equal("N2", Assert.Single(run.Well("D4").Targets).Target);
        Assert.Equal(45, run.Well("A1").Target("RP").Curve!.Length);
    }

    [Fact]
    public void QuantStudio_6_text_export_reads_results_instrument_and_amplification_data()
    {
        var run = Samples.Read("QS6Flex_TaqMan_IPC_example02.txt");

        Assert.Equal(InstrumentFormat.QuantStudioText, run.Format);
        Assert.Equal(96, run.PlateSize);
        Assert.Equal(new InstrumentInfo("278880034", "QuantStudio(TM) 6 Flex System", "278880034"), run.Instrument);
        Assert.Equal(48, run.Wells.Count);
        Assert.Equal("NAC", run.Well("A1").Sample);
        Assert.Null(run.Ct("A1", "IPC"));                            // Undetermined
        Assert.Null(run.Ct("A1", "TGFb"));
        Assert.Equal(32.874, run.Ct("A2", "IPC"));
        Assert.Equal(27.989, run.Ct("D12", "TGFb"));
        Assert.Equal("VIC", run.Well("A2").Target("IPC").Dye);
        var curve = run.Well("A1").Target("IPC").Curve!;
        Assert.Equal(40, curve.Length);
        Assert.Equal(-0.002, curve[0]);
    }

    [Fact]
    public void ViiA_7_384_well_export_uses_the_well_positions_of_a_384_well_block()
    {
        var run = Samples.Read("QS_ViiA7_384_SYBR_example01.txt");

        Assert.Equal(384, run.PlateSize);
        Assert.Equal(new InstrumentInfo("INST_1", "ViiA 7", "INST_1"), run.Instrument);
        Assert.Equal(16, run.Wells.Count);
        Assert.DoesNotContain(run.Wells, w => w.Well.ToString() is "A13" or "A14");
        Assert.Equal("13SAMPLE_5.1", run.Well("A15").Sample);
        Assert.Equal(17.827, run.Ct("A15", "TARGET_1"));
        Assert.Equal(18.717, run.Ct("A1", "TARGET_1"));
        Assert.Equal([-0.007, -0.005, -0.001], run.Well("A1").Target("TARGET_1").Curve!);
        Assert.Null(run.Well("A9").Target("TARGET_1").Curve);
    }

    [Fact]
    public void QuantStudio_7_genotyping_export_gives_one_target_per_allele()
    {
        var run = Samples.Read("QS7Flex_example03.txt");

        Assert.Equal(96, run.Wells.Count);
        Assert.Equal("Sponge_Bob_32", run.Instrument!.Name);
        Assert.Equal("123456789", run.Instrument.SerialNumber);
        Assert.Equal(27.546, run.Ct("A2", "CYP19_2-Allele 1"));
        Assert.Equal(29.013, run.Ct("A2", "CYP19_2-Allele 2"));
        Assert.Null(run.Ct("A1", "CYP19_2-Allele 1"));
        Assert.Equal("FAM", run.Well("A2").Target("CYP19_2-Allele 2").Dye);
        Assert.Equal(40, run.Well("A1").Target("CYP19_2-Allele 2").Curve!.Length);
    }

    [Fact]
    public void BioRad_cfx_csv_names_unnamed_targets_after_their_fluorophore()
    {
        var run = Samples.Read("BioRad_CFXMaestro_Quantification_Cq_Results_example01.csv");

        Assert.Equal(InstrumentFormat.BioRadCfxCsv, run.Format);
        Assert.Equal(24, run.Wells.Count);
        Assert.Equal(["FAM", "VIC"], run.Well("A1").Targets.Select(t => t.Target));
        Assert.Equal("M3905 R Ctx", run.Well("A1").Sample);
        Assert.Equal(21.1877528266099, run.Ct("A1", "FAM"));
        Assert.Equal(20.9102822371808, run.Ct("D6", "VIC"));
        Assert.Null(run.Well("A1").Target("FAM").Curve);
    }

    [Fact]
    public void LightCycler_480_gzip_export_fills_a_384_well_plate()
    {
        var run = Samples.Read("Roche_LC480_Cp_export.txt.gz");

        Assert.Equal(InstrumentFormat.LightCycler480Text, run.Format);
        Assert.Equal(384, run.PlateSize);
        Assert.Equal(384, run.Wells.Count);
        const string filter = "SYBR Green I / HRM Dye (483-533)";
        Assert.Equal("Sample 1", run.Well("A1").Sample);
        Assert.Equal(22.78, run.Ct("A1", filter));
        Assert.Null(run.Ct("A5", filter));
        Assert.Equal(33.71, run.Ct("P23", filter));
        Assert.Equal("Sample 384", run.Well("P24").Sample);
    }

    [Fact]
    public void Rdml_1_0_from_a_StepOne_reads_position_ids_and_the_40_cycle_marker()
    {
        var run = Samples.Read("RDML_v1.0_ABI_StepOne_RNaseP_std.rdml");

        Assert.Equal(InstrumentFormat.Rdml, run.Format);
        Assert.Equal(24, run.Wells.Count);
        Assert.Equal("Applied Biosystems StepOne™ Instrument", run.Instrument!.Name);
        Assert.Equal("NTC_RNase P", run.Well("A1").Sample);
        Assert.Null(run.Ct("A1", "RNase P"));
        Assert.Equal(28.96287, run.Ct("A4", "RNase P"));
        Assert.Equal(31.035166, run.Ct("C8", "RNase P"));
        Assert.Equal("FAM", run.Well("A4").Target("RNase P").Dye);
        Assert.Equal(40, run.Well("A4").Target("RNase P").Curve!.Length);
    }

    [Fact]
    public void Rdml_1_1_from_a_BioRad_cfx_merges_the_runs_of_each_dye_and_skips_melting_data()
    {
        var run = Samples.Read("RDML_v1.1_BioRad_CFX96_qPCR_melt.rdml");

        Assert.Equal(30, run.Wells.Count);
        Assert.Equal(96, run.PlateSize);
        Assert.Equal("Alm12", run.Well("A1").Sample);
        Assert.Equal(["EvaGreen", "Cy5"], run.Well("A1").Targets.Select(t => t.Target));
        Assert.Equal(27.7514537682101, run.Ct("A1", "EvaGreen"));
        Assert.Null(run.Ct("A1", "Cy5"));                            // no <cq>
        Assert.Equal(35.3197402365743, run.Ct("H10", "EvaGreen"));
        var curve = run.Well("A1").Target("EvaGreen").Curve!;
        Assert.Equal(41, curve.Length);
        Assert.Equal(-3.38871894099566, curve[0]);
        Assert.StartsWith("Block Type \"96FX\"", run.Instrument!.Name);
    }

    [Fact]
    public void Rdml_1_1_from_a_LightCycler_96_treats_cq_past_the_last_cycle_as_none()
    {
        var run = Samples.Read("RDML_v1.1_Roche_LightCycler96.rdml");

        Assert.Equal(96, run.Wells.Count);
        Assert.All(run.Wells, w => Assert.Equal(4, w.Targets.Count));
        Assert.Equal("LC96SN11301", run.Instrument!.Name);
        var a3 = run.Well("A3");
        Assert.Equal(20.28, a3.Targets.Single(t => t.Dye == "FAM").Ct);
        Assert.Equal(45.12, run.Well("A1").Targets.Single(t => t.Dye == "Cy5").Ct); // below the 50 cycles: kept
        Assert.Null(run.Well("H12").Targets.Single(t => t.Dye == "Hex").Ct);       // 100 = no Cq
        Assert.Equal(50, a3.Targets[0].Curve!.Length);
    }

    [Fact]
    public void Rdes_table_reads_cq_minus_1_as_none_and_the_cycle_columns_as_curve()
    {
        var run = Samples.Read("RDES_v1_0_example_amplification.tsv");

        Assert.Equal(InstrumentFormat.RdesTable, run.Format);
        Assert.Equal(90, run.Wells.Count);
        Assert.Null(run.Ct("A1", "Exon 1"));
        Assert.Equal(25.749, run.Ct("A4", "Exon 2"));
        Assert.Equal("SYBRGreen I", run.Well("A4").Target("Exon 2").Dye);
        var curve = run.Well("A1").Target("Exon 1").Curve!;
        Assert.Equal(38, curve.Length);                              // cycles 3 to 40
        Assert.Equal(668.43, curve[0]);
    }

    [Fact]
    public void An_xlsx_export_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<InstrumentFileException>(() => Samples.Read("QS_DesignAnalysis_Diomni_PresenceAbsence.xlsx"));
        Assert.Contains("Excel workbook (.xlsx)", e.Message);
    }
}

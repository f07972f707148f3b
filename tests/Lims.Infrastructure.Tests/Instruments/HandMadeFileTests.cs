using System.IO.Compression;
using System.Text;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>Small files of each format written for the test, and the edge cases the samples do not have.</summary>
public sealed class HandMadeFileTests
{
    private static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
            gzip.Write(content);
        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public void Plain_csv_reads_every_no_ct_marker_as_no_amplification()
    {
        var run = Samples.ParseText("""
            well,sample,target,ct
            A1,T-1,N,Undetermined
            A2,T-2,N,NaN
            A3,T-3,N,-
            A4,T-4,N,N/A
            A5,T-5,N,
            A6,T-6,N,No Ct
            A7,T-7,N,31.25
            """);

        Assert.Equal(InstrumentFormat.PlainCsv, run.Format);
        Assert.Equal(7, run.Wells.Count);
        Assert.All(run.Wells.Take(6), w => Assert.Null(w.Targets[0].Ct));
        Assert.Equal(31.25, run.Ct("A7", "N"));
        Assert.Equal("T-7", run.Well("A7").Sample);
    }

    [Fact]
    public void Plain_csv_takes_columns_in_any_order_semicolons_and_a_decimal_comma()
    {
        var run = Samples.ParseText("ct;target;well\r\n27,42;ORF1ab;b03\r\n28,1;N;B03\r\n");

        Assert.Equal(27.42, run.Ct("B3", "ORF1ab"));
        Assert.Equal(28.1, run.Ct("B3", "N"));
        Assert.Null(run.Well("B3").Sample);
    }

    [Fact]
    public void A_well_beyond_H12_makes_the_plate_a_384_well_plate()
    {
        var run = Samples.ParseText("well,target,ct\nA1,N,20\nP24,N,30\n");

        Assert.Equal(384, run.PlateSize);
        Assert.Equal(["A1", "P24"], run.Wells.Select(w => w.Well.ToString()));
    }

    [Fact]
    public void Gzip_compressed_text_of_any_format_is_read()
    {
        var run = InstrumentFileReader.Parse(Gzip("well,target,ct\nC7,RP,25.5\n"));

        Assert.Equal(InstrumentFormat.PlainCsv, run.Format);
        Assert.Equal(25.5, run.Ct("C7", "RP"));
    }

    [Fact]
    public void Byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("well,target,ct\r\nA1,N,20\r\n")).ToArray();
        Assert.Equal(20, InstrumentFileReader.Parse(bytes).Ct("A1", "N"));
    }

    [Fact]
    public void The_format_comes_from_the_content_not_the_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lims-{Guid.NewGuid():N}.rdml");
        File.WriteAllText(path, "well,target,ct\nA1,N,20\n");
        try
        {
            Assert.Equal(InstrumentFormat.PlainCsv, InstrumentFileReader.Read(path).Format);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const string AbiHeader = "Session Name\t\nWell\tSample Name\tDetector\tTask\tCt\tAvg Ct\tCt SD\tDelta Ct\tQty\tAvg Qty\tQty SD\n";

    private static string Values(string label, Func<int, double> value) =>
        label + "\t" + string.Join('\t', Enumerable.Range(1, 40).Select(c => value(c).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n";

    [Fact]
    public void Abi_7500_well_0_is_A1_and_well_95_is_H12_and_a_ct_at_the_last_cycle_is_undetermined()
    {
        var run = Samples.ParseText(AbiHeader +
            "0\tS1\tN\tTarget\t31.5\t\t\t\t\t\t\n" + Values("Rn values", c => 1 + c / 10.0) + Values("Delta Rn values", c => c / 10.0) + "DDCT Values\t0\t\tS1\tN\tTarget\t31.5\n" +
            "95\tS2\tN\tTarget\t40.0\t\t\t\t\t\t\n" + Values("Rn values", c => 1) + Values("Delta Rn values", c => 0) +
            "94\tS3\tN\tTarget\tUndetermined\t\t\t\t\t\t\n");

        Assert.Equal(InstrumentFormat.Abi7500AnalysisResult, run.Format);
        Assert.Equal(["A1", "H11", "H12"], run.Wells.Select(w => w.Well.ToString()));
        Assert.Equal(31.5, run.Ct("A1", "N"));
        var curve = run.Well("A1").Target("N").Curve!;
        Assert.Equal(40, curve.Length);
        Assert.Equal(0.1, curve[0]);                                     // Delta Rn, not Rn
        Assert.Null(run.Ct("H12", "N"));                                 // 40.0 in a 40-cycle run
        Assert.Null(run.Ct("H11", "N"));
        Assert.Null(run.Well("H11").Target("N").Curve);
    }

    [Fact]
    public void Abi_7500_well_96_is_not_on_the_plate()
    {
        var e = Assert.Throws<InstrumentFileException>(() => Samples.ParseText(AbiHeader + "96\tS\tN\tTarget\t30\n"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("0 to 95", e.Message);
    }

    [Fact]
    public void An_eds_zip_is_read_from_apldbio_sds_analysis_result()
    {
        var eds = Zip(("apldbio/sds/plate_setup.xml", "<x/>"), ("apldbio/sds/analysis_result.txt", AbiHeader + "12\tS\tRP\tTarget\t24.25\n"));

        var run = InstrumentFileReader.Parse(eds);

        Assert.Equal(InstrumentFormat.Abi7500Eds, run.Format);
        Assert.Equal(24.25, run.Ct("B1", "RP"));
    }

    [Fact]
    public void QuantStudio_without_well_positions_numbers_384_wells_from_1()
    {
        var run = Samples.ParseText("""
            * Block Type = 384-Well Block
            * Instrument Type = QuantStudio 7 Pro

            [Results]
            Well	Sample Name	Target Name	Reporter	CT
            1	NTC	N	FAM	Undetermined
            25	S1	N	FAM	33.1
            384	S2	N	FAM	21.0
            """);

        Assert.Equal(384, run.PlateSize);
        Assert.Equal(["A1", "B1", "P24"], run.Wells.Select(w => w.Well.ToString()));
        Assert.Null(run.Ct("A1", "N"));
        Assert.Equal(33.1, run.Ct("B1", "N"));
        Assert.Equal("QuantStudio 7 Pro", run.Instrument!.Model);
    }

    [Fact]
    public void QuantStudio_without_a_results_section_is_refused()
    {
        var e = Assert.Throws<InstrumentFileException>(() => Samples.ParseText("* Block Type = 96-Well Block\n\n[Sample Setup]\nWell\tSample Name\n1\tX\n"));
        Assert.Contains("[Results]", e.Message);
    }

    [Fact]
    public void Cfx_cq_nan_or_empty_is_no_amplification()
    {
        var run = Samples.ParseText("""
            ,Well,Fluor,Target,Content,Sample,Cq
            ,A01,FAM,N1,Unkn,P1,NaN
            ,A01,HEX,RP,Unkn,P1,24.5
            ,A02,FAM,N1,NTC,NTC,
            ,A02,HEX,RP,NTC,NTC,
            """);

        Assert.Equal(InstrumentFormat.BioRadCfxCsv, run.Format);
        Assert.Null(run.Ct("A1", "N1"));
        Assert.Equal(24.5, run.Ct("A1", "RP"));
        Assert.Equal("HEX", run.Well("A1").Target("RP").Dye);
        Assert.Null(run.Ct("A2", "RP"));
    }

    [Fact]
    public void LightCycler_480_without_a_filter_names_the_target_cp()
    {
        var run = Samples.ParseText("Experiment: run 7\nInclude\tColor\tPos\tName\tCp\tConcentration\tStandard\tStatus\nTrue\t255\tA1\tS1\t30.12\t\t0\t\nTrue\t255\tA2\tS2\t\t\t0\t\n");

        Assert.Equal(30.12, run.Ct("A1", "Cp"));
        Assert.Null(run.Ct("A2", "Cp"));
    }

    private const string Rdml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdml version="1.2" xmlns="http://www.rdml.org">
          <sample id="PC"><type>pos</type></sample>
          <sample id="T-9"><type>unkn</type></sample>
          <target id="N"><type>toi</type><dyeId id="FAM"/></target>
          <target id="IC"><type>ref</type><dyeId id="Cy5"/></target>
          <experiment id="e1">
            <run id="r1">
              <instrument>SLAN-96P</instrument>
              <pcrFormat><rows>16</rows><columns>24</columns><rowLabel>ABC</rowLabel><columnLabel>123</columnLabel></pcrFormat>
              <react id="1"><sample id="PC"/>
                <data><tar id="N"/><cq>22.5</cq></data>
                <data><tar id="IC"/><cq>-1</cq><adp><cyc>2</cyc><fluor>0.2</fluor></adp><adp><cyc>1</cyc><fluor>0.1</fluor></adp></data>
              </react>
              <react id="384"><sample id="T-9"/><data><tar id="N"/></data></react>
            </run>
          </experiment>
        </rdml>
        """;

    [Fact]
    public void Bare_rdml_xml_on_a_384_well_format_numbers_reacts_row_by_row()
    {
        var run = Samples.ParseText(Rdml);

        Assert.Equal(InstrumentFormat.Rdml, run.Format);
        Assert.Equal(384, run.PlateSize);
        Assert.Equal("SLAN-96P", run.Instrument!.Name);
        Assert.Equal(["A1", "P24"], run.Wells.Select(w => w.Well.ToString()));
        Assert.Equal(22.5, run.Ct("A1", "N"));
        Assert.Equal([0.1, 0.2], run.Well("A1").Target("IC").Curve!);      // sorted by cycle
        Assert.Equal("Cy5", run.Well("A1").Target("IC").Dye);
        Assert.Null(run.Ct("A1", "IC"));                                  // cq -1
        Assert.Null(run.Ct("P24", "N"));                                  // no cq
        Assert.Equal("T-9", run.Well("P24").Sample);
    }

    [Fact]
    public void Rdml_zip_is_read_from_rdml_data_xml()
    {
        var run = InstrumentFileReader.Parse(Zip(("rdml_data.xml", Rdml)));
        Assert.Equal(22.5, run.Ct("A1", "N"));
    }

    [Fact]
    public void Rdml_with_a_plate_format_that_is_not_96_or_384_wells_is_refused()
    {
        var e = Assert.Throws<InstrumentFileException>(() => Samples.ParseText(Rdml.Replace("<rows>16</rows><columns>24</columns>", "<rows>1</rows><columns>72</columns>", StringComparison.Ordinal)));
        Assert.Contains("1×72", e.Message);
    }

    [Theory]
    [InlineData("well,target,ct\nA1,N,20\nA1,N,21\n", "reports target 'N' twice")]
    [InlineData("well,target,ct\nA1,N,twenty\n", "line 2")]
    [InlineData("well,target,ct\nZ9,N,20\n", "line 2")]
    [InlineData("well,target,ct\n", "no well results")]
    [InlineData("well,sample,target,ct\nA1,S1,N,20\nA1,S2,RP,20\n", "two samples")]
    [InlineData("", "empty")]
    [InlineData("   \n\n", "empty")]
    [InlineData("hello, world\n", "not a result format")]
    [InlineData("<html><body>not rdml</body></html>", "not <rdml>")]
    [InlineData("<rdml xmlns=\"http://www.rdml.org\"><experiment><run><react id=\"1\"><data>", "truncated")]
    public void A_bad_file_raises_an_instrument_file_exception_that_says_why(string content, string expected)
    {
        var e = Assert.Throws<InstrumentFileException>(() => Samples.ParseText(content));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Binary_and_unsupported_containers_are_refused_by_their_kind()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        Assert.Contains(".xls", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(xls)).Message);
        Assert.Contains("neither an RDML", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(Zip(("notes.txt", "x")))).Message);
        Assert.Contains("gzip inside gzip", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(Gzip(Gzip("well,target,ct\nA1,N,1\n")))).Message);
        Assert.Contains("truncated", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse([0x1F, 0x8B, 0x08, 0x00, 0x01])).Message);
        var eds = File.ReadAllBytes(Samples.PathOf("COVID_CDC_mock_passing_plate.eds"));
        Assert.Contains("damaged or truncated", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(eds[..(eds.Length / 2)])).Message);
    }

    [Fact]
    public void A_missing_file_is_an_instrument_file_exception()
    {
        var e = Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Read("/no/such/dir/run.eds"));
        Assert.Contains("no file", e.Message);
    }
}

using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Common;

/// <summary>The one CSV writer: RFC 4180 quoting, and no field a spreadsheet would run as a formula.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("TB0001", "TB0001")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("=2+5+cmd", "'=2+5+cmd")]
    [InlineData("+2", "'+2")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x.example/\",\"NTC\")", "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"NTC\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("'=kept", "'=kept")]
    public void A_field_is_quoted_per_rfc_4180_and_a_leading_formula_character_gets_an_apostrophe(string? value, string written)
    {
        Assert.Equal(written, Csv.Field(value));
    }

    [Fact]
    public void Records_end_with_crlf_and_a_comma_in_a_value_does_not_shift_the_columns()
    {
        var csv = new Csv("Well", "Sample Name", "Role").Row("A1", "NTC,1,extra", "sample").Row("A2", null, "=cmd");

        Assert.Equal("Well,Sample Name,Role\r\nA1,\"NTC,1,extra\",sample\r\nA2,,'=cmd\r\n", csv.ToString());
        Assert.Equal([["Well", "Sample Name", "Role"], ["A1", "NTC,1,extra", "sample"], ["A2", "", "'=cmd"]], Rfc4180.Read(csv.ToString()));
    }

    [Theory]
    [InlineData("'=2+5", "=2+5")]
    [InlineData("'-ve", "-ve")]
    [InlineData("'@x", "@x")]
    [InlineData("'abc", "'abc")]
    [InlineData("'", "'")]
    [InlineData("TB0001", "TB0001")]
    public void A_value_read_back_loses_only_the_apostrophe_the_writer_added(string read, string value)
    {
        Assert.Equal(value, Csv.Unneutralised(read));
    }

    [Fact]
    public void The_plate_map_keeps_a_stored_formula_barcode_and_hostile_control_names_inert_and_in_their_columns()
    {
        var kit = AssayKitJson.Parse("""
            { "code": "hostile", "name": "Hostile names", "version": "1", "layout": "multiplex",
              "targets": [ { "name": "N", "dye": "FAM", "role": "pathogen" } ], "ctCutoff": 40, "requiredPositiveTargets": 1,
              "controls": [ { "role": "positive", "sampleNames": ["=HYPERLINK(\"http://x.example/\",\"PC\")"], "pathogenTargets": "amplify", "internalControl": "any" },
                            { "role": "negative", "sampleNames": ["NTC,1,extra"], "pathogenTargets": "absent", "internalControl": "any" } ] }
            """);
        var at = TestData.RegisteredAt.AddHours(3);
        var plate = Plate.Create(PlateId.New(), Barcode.Create("P0000001"), 96, kit, FillOrder.ColumnWise, at, "tech");
        // Registered before barcodes were restricted: stored, and still placed.
        var tube = Tube.Register(TubeId.New(), Barcode.FromStored("=2+5+cmd"), TubeKind.Single, 1, SubmitterId.New(), SubmissionId.New(),
            TestData.CollectedAt, "Fever clinic", Priority.Routine, TestData.Drafts(1), TestData.RegisteredAt, "registrar");
        tube.Ship(at.AddHours(-2), "courier");
        tube.Receive(at.AddHours(-1), "tech");
        tube.Inactivate(at.AddMinutes(-10), "tech");
        plate.Place(tube, at, "tech");

        var rows = Rfc4180.Read(plate.ToCsv());

        Assert.Equal(["Well", "Sample Name", "Role"], rows[0]);
        Assert.All(rows, r => Assert.Equal(3, r.Length));
        Assert.Equal(
            [("A1", "'=2+5+cmd", "sample"), ("G12", "NTC,1,extra", "negative-control"), ("H12", "'=HYPERLINK(\"http://x.example/\",\"PC\")", "positive-control")],
            rows.Skip(1).Select(r => (r[0], r[1], r[2])).ToList());
    }
}

/// <summary>A reader of RFC 4180 as a spreadsheet reads it, to check what the writer wrote.</summary>
internal static class Rfc4180
{
    public static List<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(fields);
        Assert.Equal(0, field.Length);
        return records;
    }
}

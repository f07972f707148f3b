using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Labels;

namespace Lims.Infrastructure.Tests.Labels;

public partial class LabelRenderingTests
{
    private static Label Tube(string text, string? note = null) => new(LabelKind.Tube, Barcode.Create(text), note);

    [Theory]
    [InlineData(LabelKind.Tube, "T26000001234")]
    [InlineData(LabelKind.Plate, "P26-0042~x")]
    [InlineData(LabelKind.Box, "box_a^17")]
    public void Zpl_bars_read_back_as_the_barcode(LabelKind kind, string text)
    {
        // Stored: '~' and '^' pass only the earlier barcode rule, and a stored barcode's label must still escape them.
        var zpl = ZplLabelWriter.Render(new Label(kind, Barcode.FromStored(text)));

        Assert.StartsWith("^XA", zpl, StringComparison.Ordinal);
        Assert.EndsWith("^XZ\n", zpl, StringComparison.Ordinal);
        var boxes = GraphicBox().Matches(zpl).Select(m => (X: Int(m, 1), Y: Int(m, 2), W: Int(m, 3), H: Int(m, 4))).ToList();
        var height = boxes.Max(b => b.H);
        var bars = boxes.Where(b => b.H == height).Select(b => (b.X, b.W)).ToList();
        Assert.Equal(text, Code128Decoder.Decode(Modules(bars)));
    }

    [Fact]
    public void Zpl_text_cannot_break_out_of_its_field()
    {
        var zpl = ZplLabelWriter.Render(new Label(LabelKind.Box, Barcode.FromStored("A^XZ~JA_1"), "für Köln"));

        Assert.Equal(1, Regex.Count(zpl, @"\^XZ"));
        Assert.Contains("^FH_^FDA_5EXZ_7EJA_5F1^FS", zpl, StringComparison.Ordinal);
        Assert.Contains("Transport box · für Köln".Replace("·", "_C2_B7", StringComparison.Ordinal).Replace("ü", "_C3_BC", StringComparison.Ordinal).Replace("ö", "_C3_B6", StringComparison.Ordinal), zpl, StringComparison.Ordinal); // UTF-8 under ^CI28
    }

    [Fact]
    public void Zpl_at_300_dpi_is_wider_in_dots_than_at_203()
    {
        var label = Tube("T26000001234");
        static int Width(string zpl) => int.Parse(Regex.Match(zpl, @"\^PW(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.Equal(400, Width(ZplLabelWriter.Render(label))); // 50 mm at 203 dpi
        Assert.Equal(591, Width(ZplLabelWriter.Render(label, new LabelOptions { Dpi = 300 })));
        Assert.Throws<LabelException>(() => ZplLabelWriter.Render(label, new LabelOptions { Dpi = 250 }));
    }

    [Theory]
    [InlineData(LabelKind.Tube, 203, 2)]   // 0.250 mm: the layout's 0.25 mm (it was 1 dot, 0.125 mm, rounded down)
    [InlineData(LabelKind.Tube, 300, 3)]   // 0.254 mm
    [InlineData(LabelKind.Tube, 600, 6)]   // 0.254 mm
    [InlineData(LabelKind.Tube, 152, 1)]   // 0.167 mm, the nearest dot to 0.25 mm, above the 0.125 mm minimum
    [InlineData(LabelKind.Plate, 203, 2)]  // 0.30 mm → 2.4 dots
    [InlineData(LabelKind.Plate, 300, 4)]  // 0.30 mm → 3.5 dots
    [InlineData(LabelKind.Box, 203, 4)]    // 0.50 mm → 3.996 dots
    [InlineData(LabelKind.Box, 600, 12)]
    public void The_module_is_the_layouts_rounded_to_the_nearest_printer_dot(LabelKind kind, int dpi, int dots)
    {
        var zpl = ZplLabelWriter.Render(new Label(kind, Barcode.Create("T26000001234")), new LabelOptions { Dpi = dpi, QrCode = false });

        var bars = GraphicBox().Matches(zpl).Select(m => (X: Int(m, 1), W: Int(m, 3))).ToList();
        Assert.Equal(dots, bars.Min(b => b.W));
        Assert.Equal("T26000001234", Code128Decoder.Decode(Modules(bars)));
    }

    [Theory]
    [InlineData(203, 1)]
    [InlineData(300, 2)]
    [InlineData(600, 3)]
    public void A_barcode_too_long_for_the_full_module_gets_the_widest_that_fits_but_never_less_than_the_minimum(int dpi, int smallest)
    {
        // 28 characters of code set B: 363 modules with quiet zones, at most 0.129 mm each on a tube label's 47 mm.
        var label = new Label(LabelKind.Tube, Barcode.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZab"));
        var dot = 25.4 / dpi;
        var fits = (int)Math.Floor(47.0 / Code128.Encode("ABCDEFGHIJKLMNOPQRSTUVWXYZab").WidthWithQuietZones / dot);

        if (fits < smallest)
        {
            Assert.Throws<LabelException>(() => ZplLabelWriter.Render(label, new LabelOptions { Dpi = dpi }));
            return;
        }
        var zpl = ZplLabelWriter.Render(label, new LabelOptions { Dpi = dpi });
        var module = GraphicBox().Matches(zpl).Min(m => Int(m, 3));
        Assert.Equal(fits, module);
        Assert.True(module * dot >= 0.125 - 1e-9, $"{module} dots at {dpi} dpi is below the minimum module");
    }

    [Theory]
    [InlineData(LabelKind.Tube)]
    [InlineData(LabelKind.Plate)]
    [InlineData(LabelKind.Box)]
    public void Svg_bars_read_back_with_quiet_zones_and_the_text_below(LabelKind kind)
    {
        var label = new Label(kind, Barcode.Create("T26000001234"), "Pool 7");
        var svg = XDocument.Parse(SvgLabelWriter.Render(label));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var bars = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "bars").Elements(ns + "rect")
            .Select(r => (X: Double(r, "x"), Y: Double(r, "y"), W: Double(r, "width"), H: Double(r, "height"))).ToList();
        var module = bars.Min(b => b.W);
        var modules = Modules(bars.Select(b => ((int)Math.Round(b.X / module), (int)Math.Round(b.W / module))).ToList());
        Assert.Equal("T26000001234", Code128Decoder.Decode(modules));

        var left = bars.Min(b => b.X);
        var right = bars.Max(b => b.X + b.W);
        var qr = svg.Descendants(ns + "g").SingleOrDefault(g => (string?)g.Attribute("class") == "qr");
        var qrLeft = qr?.Elements(ns + "rect").Min(r => Double(r, "x")) ?? double.MaxValue;
        Assert.True(left >= 10 * module, "quiet zone on the left");
        Assert.True(Math.Min(qrLeft, Double(svg.Root!, "viewBox", 2)) - right >= 10 * module - 1e-9, "quiet zone on the right");
        Assert.Equal(kind != LabelKind.Tube, qr is not null);

        var texts = svg.Descendants(ns + "text").ToList();
        Assert.Contains(texts, t => t.Value == "T26000001234" && Double(t, "y") > bars[0].Y + bars[0].H);
        Assert.Contains(texts, t => t.Value.StartsWith(label.Purpose, StringComparison.Ordinal) && t.Value.EndsWith("Pool 7", StringComparison.Ordinal));
    }

    [Fact]
    public void A_barcode_too_long_for_a_tube_label_is_refused_but_fits_a_box()
    {
        var text = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

        var e = Assert.Throws<LabelException>(() => SvgLabelWriter.Render(Tube(text)));
        Assert.Contains("too long for a tube label", e.Message, StringComparison.Ordinal);
        Assert.Contains(text, SvgLabelWriter.Render(new Label(LabelKind.Box, Barcode.Create(text))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_note_is_cut_to_fit()
    {
        var svg = SvgLabelWriter.Render(Tube("T26000001234", new string('x', 200)));
        Assert.Contains("…</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zpl_streams_each_label_before_the_next_is_made()
    {
        var writer = new StringWriter();
        var formatsWrittenWhenAsked = new List<int>();
        IEnumerable<Label> Labels()
        {
            foreach (var barcode in BarcodeRange.Create("T26", 1, 5))
            {
                formatsWrittenWhenAsked.Add(Regex.Count(writer.ToString(), @"\^XZ"));
                yield return new Label(LabelKind.Tube, barcode);
            }
        }

        await ZplLabelWriter.WriteAsync(writer, Labels());

        Assert.Equal([0, 1, 2, 3, 4], formatsWrittenWhenAsked);
        Assert.Equal(5, Regex.Count(writer.ToString(), @"\^XZ"));
    }

    [Fact]
    public async Task Svg_sheet_streams_each_label_before_the_next_is_made()
    {
        var writer = new StringWriter();
        var labelsWrittenWhenAsked = new List<int>();
        var labels = new Recording(Label.For(LabelKind.Tube, BarcodeRange.Create("T26", 1, 7)), () => labelsWrittenWhenAsked.Add(Regex.Count(writer.ToString(), "class=\"bars\"")));

        await SvgLabelWriter.WriteSheetAsync(writer, labels);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], labelsWrittenWhenAsked);
        var svg = XDocument.Parse(writer.ToString());
        Assert.Equal(7, svg.Descendants().Count(e => (string?)e.Attribute("class") == "bars"));
    }

    [Fact]
    public async Task Ten_thousand_labels_stream_through_without_being_kept()
    {
        var range = BarcodeRange.Create("T26", 500_000, 10_000);
        var counter = new CountingWriter();

        await ZplLabelWriter.WriteAsync(counter, Label.For(LabelKind.Tube, range));
        Assert.Equal(10_000, counter.Formats);

        var svg = new CountingWriter();
        await SvgLabelWriter.WriteSheetAsync(svg, Label.For(LabelKind.Tube, range));
        Assert.True(svg.Characters > 10_000 * 1_000);
    }

    [Fact]
    public async Task A_sheet_holds_labels_of_one_kind()
    {
        var labels = new[] { Tube("T26000001234"), new Label(LabelKind.Box, Barcode.Create("B26000001234")) };
        await Assert.ThrowsAsync<LabelException>(() => SvgLabelWriter.WriteSheetAsync(TextWriter.Null, labels));
    }

    [Fact]
    public void Labels_for_typed_texts_refuse_the_first_invalid_one()
    {
        var e = Assert.Throws<LabelException>(() => Label.For(LabelKind.Tube, ["T26000001234", "T26 1"]));
        Assert.Contains("\"T26 1\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("labels.ZPL", LabelFormat.Zpl)]
    [InlineData("a/b.svg", LabelFormat.Svg)]
    [InlineData("x.pdf", LabelFormat.Pdf)]
    [InlineData("x.txt", null)]
    public void Format_follows_the_file_extension(string path, LabelFormat? format) => Assert.Equal(format, LabelRenderer.FormatOf(path));

    private static string Modules(IReadOnlyList<(int X, int W)> bars)
    {
        var module = bars.Min(b => b.W);
        var x0 = bars.Min(b => b.X);
        var end = bars.Max(b => b.X + b.W);
        var modules = new StringBuilder(new string('0', (end - x0) / module));
        foreach (var (x, w) in bars)
        {
            Assert.Equal(0, (x - x0) % module);
            Assert.Equal(0, w % module);
            for (var i = 0; i < w / module; i++) modules[(x - x0) / module + i] = '1';
        }
        return modules.ToString();
    }

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static double Double(XElement e, string attribute, int part = 0) =>
        double.Parse(((string)e.Attribute(attribute)!).Split(' ')[part], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\^FO(\d+),(\d+)\^GB(\d+),(\d+),(\d+)\^FS")]
    private static partial Regex GraphicBox();

    private sealed class Recording(IReadOnlyList<Label> inner, Action beforeEach) : IReadOnlyCollection<Label>
    {
        public int Count => inner.Count;

        public IEnumerator<Label> GetEnumerator()
        {
            foreach (var label in inner)
            {
                beforeEach();
                yield return label;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class CountingWriter : TextWriter
    {
        public long Characters { get; private set; }

        public int Formats { get; private set; }

        private char _previous;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            Characters++;
            if (_previous == 'X' && value == 'Z') Formats++;
            _previous = value;
        }
    }
}

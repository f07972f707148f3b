using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Labels;
using QRCoder;

namespace Lims.Infrastructure.Tests.Labels;

public partial class PdfLabelWriterTests
{
    private static byte[] Pdf(IEnumerable<Label> labels, LabelOptions? options = null)
    {
        using var pdf = new MemoryStream();
        PdfLabelWriter.Write(pdf, labels, options);
        return pdf.ToArray();
    }

    private sealed record Rect(double X, double Y, double W, double H);

    private static List<Rect> Rects(string content, string op) =>
        Rectangle().Matches(content).Where(m => m.Groups[5].Value == op)
            .Select(m => new Rect(D(m.Groups[1]), D(m.Groups[2]), D(m.Groups[3]), D(m.Groups[4]))).ToList();

    private static double D(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Pdf_sheets_hold_39_tube_labels_a_page()
    {
        var pdf = new PdfChecker(Pdf(Label.For(LabelKind.Tube, BarcodeRange.Create("T26", 1, 100))));

        var pages = pdf.Pages();
        Assert.Equal(3, pages.Count);
        Assert.Equal([39, 39, 22], pages.Select(p => Rects(pdf.Content(p), "S").Count)); // one cutting guide a label
        Assert.Contains("(" + BarcodeRange.Format("T26", 100) + ") Tj", pdf.Content(pages[2]), StringComparison.Ordinal);
        Assert.Contains("/MediaBox [0 0 595.2756 841.8898]", pdf.Dictionary(pages[0]), StringComparison.Ordinal); // A4
        Assert.Equal(5 + 2 * 3, pdf.ObjectCount); // catalog, pages, 2 fonts, info; a content stream and a page object a page
    }

    [Theory]
    [InlineData(LabelKind.Tube, "T26000001234")]
    [InlineData(LabelKind.Plate, "P26-0042~x")]
    [InlineData(LabelKind.Box, "box_a^17")]
    public void Pdf_draws_every_bar_and_qr_run_as_a_filled_rectangle_and_the_bars_read_back(LabelKind kind, string text)
    {
        // Stored: '~' and '^' pass only the earlier barcode rule, and a stored barcode's label must still draw them.
        var pdf = new PdfChecker(Pdf([new Label(kind, Barcode.FromStored(text))]));

        var content = pdf.Content(pdf.Pages().Single());
        var filled = Rects(content, "f");
        var qrRuns = kind == LabelKind.Tube ? 0 : QrRuns(text);
        Assert.Equal(Code128.Encode(text).Bars().Count() + qrRuns, filled.Count);

        var height = filled.Max(r => r.H);
        var bars = filled.Where(r => Math.Abs(r.H - height) < 1e-3).ToList();
        Assert.Equal(text, Code128Decoder.Decode(Modules(bars)));
        Assert.Equal(qrRuns, filled.Count - bars.Count);
    }

    [Fact]
    public void Pdf_text_is_helvetica_centred_by_its_afm_widths()
    {
        var pdf = new PdfChecker(Pdf([new Label(LabelKind.Tube, Barcode.Create("T26000001234"), "Pool 7")]));

        var content = pdf.Content(pdf.Pages().Single());
        var bars = Rects(content, "f");
        var barsCentre = (bars.Min(r => r.X) + bars.Max(r => r.X + r.W)) / 2;
        var barcode = Text().Matches(content).Single(m => m.Groups[5].Value == "T26000001234");
        Assert.Equal("F2", barcode.Groups[1].Value); // bold
        var size = D(barcode.Groups[2]);
        var width = (611 + 11 * 556) / 1000.0 * size; // T and 11 digits in Helvetica-Bold
        Assert.True(Math.Abs(D(barcode.Groups[3]) + width / 2 - barsCentre) < 0.2, $"barcode text at {barcode.Groups[3].Value} is not centred under the bars at {barsCentre}");
        Assert.True(D(barcode.Groups[4]) < bars.Min(r => r.Y), "the barcode text is below the bars");

        var title = Text().Matches(content).Single(m => m.Groups[1].Value == "F1");
        Assert.Equal(@"Sample tube \267 Pool 7", title.Groups[5].Value); // U+00B7 is 0xB7 in WinAnsi
        Assert.True(D(title.Groups[4]) > bars.Max(r => r.Y + r.H), "the title is above the bars");

        var fonts = pdf.Dictionary(pdf.Pages()[0]);
        Assert.Contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding", pdf.Dictionary(Reference(fonts, "F1")), StringComparison.Ordinal);
        Assert.Contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding", pdf.Dictionary(Reference(fonts, "F2")), StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_text_is_winansi_escaped_and_characters_outside_it_are_question_marks()
    {
        var pdf = new PdfChecker(Pdf([new Label(LabelKind.Box, Barcode.Create("B26000000017"), @"für (Köln) \ Δ😀")]));

        var content = pdf.Content(pdf.Pages().Single());
        Assert.Contains(@"(Transport box \267 f\374r \(K\366ln\) \\ ??) Tj", content, StringComparison.Ordinal);
        Assert.True(content.All(c => c is '\n' or >= ' ' and <= '~'), "content streams stay ASCII");
    }

    [Fact]
    public void Pdf_text_too_wide_in_helvetica_is_set_smaller_not_cut()
    {
        // 0.944 em a W: the layout's rough estimate of 0.55 em lets through more than fit.
        var pdf = new PdfChecker(Pdf([new Label(LabelKind.Tube, Barcode.Create("T26000001234"), new string('W', 40))]));

        var content = pdf.Content(pdf.Pages().Single());
        var title = Text().Matches(content).Single(m => m.Groups[1].Value == "F1");
        var guide = Rects(content, "S").Single();
        Assert.StartsWith("Sample tube \\267 WWW", title.Groups[5].Value, StringComparison.Ordinal);
        Assert.True(D(title.Groups[2]) < 2.4 * 72 / 25.4, "the title was set smaller");
        Assert.True(D(title.Groups[3]) > guide.X, "the title, centred, stays on the label"); // centred: room left on one side is room on both
    }

    [Fact]
    public void Pdf_pages_go_to_a_non_seekable_output_as_they_are_finished()
    {
        using var output = new ForwardOnlyStream();
        var written = new List<long>();
        IEnumerable<Label> Labels()
        {
            foreach (var label in Label.For(LabelKind.Tube, BarcodeRange.Create("T26", 1, 80)))
            {
                written.Add(output.Written);
                yield return label;
            }
        }

        PdfLabelWriter.Write(output, Labels());

        // Page 1 (labels 1–39) is out before the 41st label is made, page 2 before the end of the job.
        Assert.True(written[40] > written[39], "page 1 is written once finished");
        Assert.Contains("endstream", Encoding.Latin1.GetString(output.Bytes, 0, (int)written[40]), StringComparison.Ordinal);
        Assert.Equal(3, new PdfChecker(output.Bytes).Pages().Count);
    }

    [Fact]
    public async Task Pdf_written_asynchronously_is_the_same_document_sent_page_by_page()
    {
        var labels = Label.For(LabelKind.Tube, BarcodeRange.Create("T26", 1, 80));
        await using var output = new AsyncOnlyStream();
        var written = new List<long>();
        IEnumerable<Label> Labels()
        {
            foreach (var label in labels)
            {
                written.Add(output.Written);
                yield return label;
            }
        }

        await PdfLabelWriter.WriteAsync(output, Labels());

        Assert.Equal(0, written[39]);
        Assert.True(written[40] > 0, "page 1 is sent before the 41st label is made");
        Assert.True(written[78] == written[40], "page 2 is still being drawn");
        Assert.True(written[79] > written[40], "page 2 is sent before the 80th label is made");
        Assert.Equal(Pdf(labels), output.Bytes);
    }

    [Theory]
    [InlineData(LabelFormat.Zpl)]
    [InlineData(LabelFormat.Svg)]
    [InlineData(LabelFormat.Pdf)]
    public async Task Every_format_renders_to_an_output_that_takes_no_synchronous_writes(LabelFormat format)
    {
        await using var output = new AsyncOnlyStream();

        await LabelRenderer.WriteAsync(output, format, Label.For(LabelKind.Box, BarcodeRange.Create("B26", 1, 12)));

        Assert.True(output.Written > 1000);
    }

    [Fact]
    public void Pdf_of_mixed_kinds_is_refused()
    {
        var labels = new[] { new Label(LabelKind.Tube, Barcode.Create("T26000000017")), new Label(LabelKind.Box, Barcode.Create("B26000000017")) };
        Assert.Throws<LabelException>(() => PdfLabelWriter.Write(Stream.Null, labels));
    }

    [Fact]
    public void Pdf_of_no_labels_is_refused()
    {
        Assert.Throws<LabelException>(() => PdfLabelWriter.Write(Stream.Null, []));
    }

    private static int QrRuns(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Sum(row => Enumerable.Range(0, row.Count).Count(i => row[i] && (i == 0 || !row[i - 1])));
    }

    private static string Modules(IReadOnlyList<Rect> bars)
    {
        var module = bars.Min(b => b.W);
        var x0 = bars.Min(b => b.X);
        var end = bars.Max(b => b.X + b.W);
        var modules = new StringBuilder(new string('0', (int)Math.Round((end - x0) / module)));
        foreach (var bar in bars)
        {
            Assert.True(Math.Abs((bar.X - x0) / module - Math.Round((bar.X - x0) / module)) < 0.01, "bars start on the module grid");
            for (var i = 0; i < (int)Math.Round(bar.W / module); i++) modules[(int)Math.Round((bar.X - x0) / module) + i] = '1';
        }
        return modules.ToString();
    }

    private static int Reference(string dictionary, string key) =>
        int.Parse(Regex.Match(dictionary, $@"/{key} (\d+) 0 R").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re ([fS])$", RegexOptions.Multiline)]
    private static partial Regex Rectangle();

    [GeneratedRegex(@"^BT /(F\d) ([\d.]+) Tf (-?[\d.]+) (-?[\d.]+) Td \(((?:[^()\\]|\\.)*)\) Tj ET$", RegexOptions.Multiline)]
    private static partial Regex Text();

    /// <summary>An output that can only be written forward, like a network stream; keeps what was written for the test.</summary>
    /// <summary>Like an HTTP response body on Kestrel: synchronous writes and flushes are refused.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public long Written => _bytes.Length;

        public byte[] Bytes => _bytes.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _bytes.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class ForwardOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public long Written => _bytes.Length;

        public byte[] Bytes => _bytes.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _bytes.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _bytes.Dispose();
            base.Dispose(disposing);
        }
    }
}

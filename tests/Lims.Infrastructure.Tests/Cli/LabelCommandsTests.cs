using System.CommandLine;
using System.Text.Json;
using Lims.Cli.Commands;
using Lims.Domain.Labels;
using Lims.Infrastructure.Labels;
using Lims.Infrastructure.Tests.Labels;

namespace Lims.Infrastructure.Tests.Cli;

public sealed class LabelCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lims-labels-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { LabelCommands.Create(stdout) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Code128_json_prints_codewords_and_modules_of_the_ISO_example()
    {
        var (exit, output, _) = await Run("labels", "code128", "AIM1234", "--json");

        Assert.Equal(0, exit);
        Assert.Equal("{ \"codewords\": [104, 33, 41, 45, 99, 12, 34, 87, 106], \"modules\": \"" + Code128.Encode("AIM1234").Modules + "\" }", output.TrimEnd());
        using var json = JsonDocument.Parse(output);
        Assert.Equal(9, json.RootElement.GetProperty("codewords").GetArrayLength());
        Assert.StartsWith("11010010000", json.RootElement.GetProperty("modules").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code128_refuses_text_it_cannot_encode()
    {
        var e = await Assert.ThrowsAsync<LabelException>(() => Run("labels", "code128", "Tübe", "--json"));
        Assert.Contains("U+00FC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_writes_zpl_for_given_barcodes()
    {
        var file = Path.Combine(_directory.FullName, "tubes.zpl");

        var (exit, output, _) = await Run("labels", "render", "--kind", "tube", "--out", file, "T26000000017", "T26000000025");

        Assert.Equal(0, exit);
        Assert.Contains("Wrote 2 tube labels (ZPL)", output, StringComparison.Ordinal);
        var zpl = await File.ReadAllTextAsync(file);
        Assert.Equal(2, zpl.Split("^XZ").Length - 1);
        Assert.Contains("^FDT26000000025^FS", zpl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_writes_a_range_as_svg()
    {
        var svg = Path.Combine(_directory.FullName, "range.labels");

        Assert.Equal(0, (await Run("labels", "render", "--kind", "plate", "--format", "svg", "--out", svg, "--from", "P26", "--start", "1", "--count", "3")).Exit);

        var text = await File.ReadAllTextAsync(svg);
        Assert.Contains(BarcodeRange.Format("P26", 3), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_writes_a_range_as_pdf_sheets()
    {
        var pdf = Path.Combine(_directory.FullName, "range.pdf");

        var (exit, output, _) = await Run("labels", "render", "--kind", "box", "--out", pdf, "--from", "B26", "--start", "1", "--count", "12");

        Assert.Equal(0, exit);
        Assert.Contains("Wrote 12 box labels", output, StringComparison.Ordinal);
        var checker = new PdfChecker(await File.ReadAllBytesAsync(pdf));
        var pages = checker.Pages();
        Assert.Equal(3, pages.Count); // 5 box labels (100 × 50 mm) a sheet
        Assert.Contains("(" + BarcodeRange.Format("B26", 12) + ") Tj", checker.Content(pages[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_refuses_an_invalid_barcode_and_leaves_no_file()
    {
        var file = Path.Combine(_directory.FullName, "bad.svg");

        await Assert.ThrowsAsync<LabelException>(() => Run("labels", "render", "--kind", "tube", "--out", file, "T26 1"));

        Assert.Empty(_directory.GetFiles());
    }

    [Theory]
    [InlineData("labels", "render", "--kind", "tube", "--out", "x.zpl")] // neither barcodes nor a range
    [InlineData("labels", "render", "--kind", "tube", "--out", "x.zpl", "T26000000017", "--from", "T26", "--start", "1", "--count", "2")] // both
    [InlineData("labels", "render", "--kind", "tube", "--out", "x.zpl", "--from", "T26", "--count", "2")] // no start
    [InlineData("labels", "render", "--kind", "tube", "--out", "x.txt", "T26000000017")] // no format
    [InlineData("labels", "render", "--kind", "flask", "--out", "x.zpl", "T26000000017")] // no such kind
    public async Task Render_usage_mistakes_are_parse_errors(params string[] args)
    {
        var (exit, _, error) = await Run(args);
        Assert.Equal(1, exit);
        Assert.NotEmpty(error);
    }
}

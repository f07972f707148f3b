using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>
/// Just enough of a PDF reader to tell whether a label sheet arrived whole: the header, the trailer with a startxref
/// that points at the cross-reference table, the page tree's count against the page objects, and each page's
/// Flate-compressed content as text (the page objects and stream dictionaries of our writer are not compressed).
/// </summary>
public sealed partial class PdfDocument
{
    private readonly byte[] _pdf;
    private readonly string _latin1;

    public PdfDocument(byte[] pdf)
    {
        _pdf = pdf;
        _latin1 = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.", _latin1, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", _latin1, StringComparison.Ordinal);
        var startxref = StartXref().Match(_latin1, Math.Max(0, _latin1.Length - 64));
        Assert.True(startxref.Success, "no startxref at the end");
        var xref = int.Parse(startxref.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n", _latin1[xref..], StringComparison.Ordinal);

        var pages = PageTree().Match(_latin1);
        Assert.True(pages.Success, "no page tree");
        PageCount = int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(PageCount, PageObject().Count(_latin1));
    }

    public int PageCount { get; }

    /// <summary>The content streams, inflated, in the order they were written (one a page).</summary>
    public IEnumerable<string> Contents()
    {
        foreach (Match m in Stream().Matches(_latin1))
        {
            var length = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            using var zlib = new ZLibStream(new MemoryStream(_pdf, m.Index + m.Length, length), CompressionMode.Decompress);
            using var text = new StreamReader(zlib, Encoding.Latin1);
            yield return text.ReadToEnd();
        }
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)")]
    private static partial Regex PageTree();

    [GeneratedRegex(@"/Type /Page /Parent")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"<< /Length (\d+) /Filter /FlateDecode >>\nstream\n")]
    private static partial Regex Stream();
}

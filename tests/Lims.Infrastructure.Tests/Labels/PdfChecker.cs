using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Lims.Infrastructure.Tests.Labels;

/// <summary>
/// A tiny reader of the PDFs our writer makes, strict where readers are strict: the header, the cross-reference
/// table (every offset must point at "N 0 obj", entries exactly 20 bytes), the trailer's /Size and /Root, the page
/// tree, and Flate-compressed content streams. It understands only what the writer writes; it is no general PDF parser.
/// </summary>
internal sealed partial class PdfChecker
{
    private readonly byte[] _pdf;
    private readonly Dictionary<int, long> _offsets = [];

    public PdfChecker(byte[] pdf)
    {
        _pdf = pdf;
        Assert.StartsWith("%PDF-1.4\n", Ascii(0, 9), StringComparison.Ordinal);

        var tail = Ascii(Math.Max(0, pdf.Length - 64), Math.Min(64, pdf.Length));
        var startxref = StartXref().Match(tail);
        Assert.True(startxref.Success, $"no startxref at the end: {tail}");
        var xref = (int)long.Parse(startxref.Groups[1].Value, CultureInfo.InvariantCulture);

        var header = XrefHeader().Match(Ascii(xref, Math.Min(64, pdf.Length - xref)));
        Assert.True(header.Success, "startxref does not point at an xref table");
        var first = Int(header.Groups[1]);
        var count = Int(header.Groups[2]);
        Assert.Equal(0, first);
        var entries = xref + header.Length;
        for (var i = 0; i < count; i++)
        {
            var entry = Ascii(entries + 20 * i, 20);
            var match = XrefEntry().Match(entry);
            Assert.True(match.Success, $"xref entry {i} is not 20 bytes of 'oooooooooo ggggg n \\n': \"{entry}\"");
            if (i == 0)
            {
                Assert.Equal("0000000000 65535 f \n", entry);
                continue;
            }
            Assert.Equal("n", match.Groups[3].Value);
            var offset = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i} 0 obj", Ascii((int)offset, Math.Min(24, pdf.Length - (int)offset)), StringComparison.Ordinal);
            _offsets[i] = offset;
        }

        var trailerStart = entries + 20 * count;
        Trailer = Ascii(trailerStart, pdf.Length - trailerStart);
        Assert.StartsWith("trailer\n<<", Trailer, StringComparison.Ordinal);
        Assert.Equal(count, Int(Regex.Match(Trailer, @"/Size (\d+)").Groups[1]));
        Root = Reference(Trailer, "Root");
        Assert.Contains("/Type /Catalog", Dictionary(Root), StringComparison.Ordinal);
    }

    public string Trailer { get; }

    public int Root { get; }

    public int ObjectCount => _offsets.Count;

    /// <summary>The page objects in page tree order, after checking that /Count, /Kids and the /Type /Page objects agree.</summary>
    public IReadOnlyList<int> Pages()
    {
        var tree = Reference(Dictionary(Root), "Pages");
        var pages = Dictionary(tree);
        Assert.Contains("/Type /Pages", pages, StringComparison.Ordinal);
        var kids = Regex.Matches(Regex.Match(pages, @"/Kids \[([^\]]*)\]").Groups[1].Value, @"(\d+) 0 R").Select(m => Int(m.Groups[1])).ToList();
        Assert.Equal(kids.Count, Int(Regex.Match(pages, @"/Count (\d+)").Groups[1]));
        var typed = _offsets.Keys.Where(n => Regex.IsMatch(Dictionary(n), @"/Type /Page\b(?!s)")).Order().ToList();
        Assert.Equal(typed, kids.Order().ToList());
        foreach (var kid in kids) Assert.Equal(tree, Reference(Dictionary(kid), "Parent"));
        return kids;
    }

    /// <summary>A page's content stream, inflated, as text.</summary>
    public string Content(int page)
    {
        var contents = Reference(Dictionary(page), "Contents");
        var (dictionary, data) = Object(contents);
        Assert.NotNull(data);
        Assert.Contains("/Filter /FlateDecode", dictionary, StringComparison.Ordinal);
        using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        zlib.CopyTo(inflated);
        return Encoding.Latin1.GetString(inflated.ToArray());
    }

    public string Dictionary(int number) => Object(number).Dictionary;

    /// <summary>An object's dictionary and, for a stream, its bytes — exactly /Length of them, followed by "endstream".</summary>
    public (string Dictionary, byte[]? Stream) Object(int number)
    {
        // The writer puts a dictionary on one line, so its end is the first ">>" at the end of a line.
        var start = (int)_offsets[number] + $"{number} 0 obj\n".Length;
        var end = IndexOf(">>\n", start) + 3;
        var dictionary = Ascii(start, end - start - 1);
        if (Ascii(end, Math.Min(7, _pdf.Length - end)) == "endobj\n") return (dictionary, null);
        Assert.Equal("stream\n", Ascii(end, 7));
        var length = Int(Regex.Match(dictionary, @"/Length (\d+)").Groups[1]);
        var data = _pdf.AsSpan(end + 7, length).ToArray();
        Assert.Equal("\nendstream\nendobj\n", Ascii(end + 7 + length, 18));
        return (dictionary, data);
    }

    private static int Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key} (\d+) 0 R");
        Assert.True(match.Success, $"no /{key} in {dictionary}");
        return Int(match.Groups[1]);
    }

    private int IndexOf(string text, int from)
    {
        var index = _pdf.AsSpan(from).IndexOf(Encoding.ASCII.GetBytes(text));
        Assert.True(index >= 0, $"no {text} after {from}");
        return from + index;
    }

    private string Ascii(int start, int length) => Encoding.Latin1.GetString(_pdf, start, length);

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n?$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"^xref\n(\d+) (\d+)\n")]
    private static partial Regex XrefHeader();

    [GeneratedRegex(@"^(\d{10}) (\d{5}) ([nf]) \n$")]
    private static partial Regex XrefEntry();
}

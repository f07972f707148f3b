using System.IO.Compression;
using System.Text;

namespace Lims.Infrastructure.Labels.Pdf;

/// <summary>
/// A minimal PDF 1.4 writer that streams: each page's content stream and page object are written to the output as
/// soon as the page is finished, and only the byte offsets of the objects written so far are kept. The page tree,
/// whose object number is reserved up front, the cross-reference table and the trailer follow at the end.
/// Pages are all one size; their text is in Helvetica or Helvetica-Bold (see <see cref="Helvetica"/>).
/// The output need not be seekable: offsets are counted, not asked for.
/// </summary>
internal sealed class PdfWriter
{
    private const int CatalogNumber = 1;
    private const int PagesNumber = 2;
    private const int RegularFontNumber = 3;
    private const int BoldFontNumber = 4;
    private const int InfoNumber = 5;

    private readonly Stream _output;
    private readonly string _mediaBox;
    private readonly List<long> _offsets = [];
    private readonly List<int> _pages = [];
    private readonly PdfContent _content = new();
    private readonly MemoryStream _buffer = new();
    private long _position;
    private bool _pageOpen;
    private bool _finished;

    /// <summary>Writes the header, the catalog, the fonts and the document information at once.</summary>
    public PdfWriter(Stream output, double pageWidth, double pageHeight, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _mediaBox = $"[0 0 {PdfContent.N(pageWidth)} {PdfContent.N(pageHeight)}]";

        // A comment of bytes above 127 right after the header tells file transfer tools that this is binary.
        WriteRaw("%PDF-1.4\n"u8);
        WriteRaw([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        for (var number = CatalogNumber; number <= InfoNumber; number++) _offsets.Add(-1);

        WriteObject(CatalogNumber, $"<< /Type /Catalog /Pages {PagesNumber} 0 R >>");
        WriteObject(RegularFontNumber, Font(Helvetica.Regular));
        WriteObject(BoldFontNumber, Font(Helvetica.Bold));
        WriteObject(InfoNumber, $"<< /Title {LiteralString(title)} /Producer (Lims) >>");
    }

    public int PageCount => _pages.Count;

    /// <summary>Starts a page; draw it on the returned content, then call <see cref="EndPage"/>.</summary>
    public PdfContent BeginPage()
    {
        if (_finished || _pageOpen) throw new InvalidOperationException(_finished ? "The document is finished." : "A page is already open.");
        _pageOpen = true;
        _content.Clear();
        return _content;
    }

    /// <summary>Writes the open page — its Flate-compressed content stream, then the page object — and forgets it.</summary>
    public void EndPage()
    {
        if (!_pageOpen) throw new InvalidOperationException("No page is open.");
        _pageOpen = false;

        _buffer.SetLength(0);
        using (var zlib = new ZLibStream(_buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(_content.ToBytes());
        }
        _content.Clear();

        var contents = Reserve();
        Begin(contents, $"<< /Length {_buffer.Length} /Filter /FlateDecode >>\nstream\n");
        WriteRaw(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
        WriteRaw("\nendstream\nendobj\n"u8);

        var page = Reserve();
        WriteObject(page,
            $"<< /Type /Page /Parent {PagesNumber} 0 R /MediaBox {_mediaBox} /Resources << /Font << /F1 {RegularFontNumber} 0 R /F2 {BoldFontNumber} 0 R >> >> /Contents {contents} 0 R >>");
        _pages.Add(page);
    }

    /// <summary>Writes the page tree, the cross-reference table and the trailer.</summary>
    public void Finish()
    {
        if (_pageOpen) throw new InvalidOperationException("A page is still open.");
        if (_pages.Count == 0) throw new InvalidOperationException("A PDF needs at least one page.");
        if (_finished) return;
        _finished = true;

        var kids = new StringBuilder();
        foreach (var page in _pages) kids.Append(kids.Length == 0 ? "" : " ").Append(page).Append(" 0 R");
        WriteObject(PagesNumber, $"<< /Type /Pages /Kids [{kids}] /Count {_pages.Count} >>");

        // Every entry is exactly 20 bytes: 10-digit offset, 5-digit generation, 'n' or 'f', space and newline.
        var xref = _position;
        var table = new StringBuilder(32 + 20 * (_offsets.Count + 1));
        table.Append("xref\n0 ").Append(_offsets.Count + 1).Append('\n');
        table.Append("0000000000 65535 f \n");
        foreach (var offset in _offsets) table.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        table.Append("trailer\n<< /Size ").Append(_offsets.Count + 1)
            .Append(" /Root ").Append(CatalogNumber).Append(" 0 R /Info ").Append(InfoNumber).Append(" 0 R >>\n")
            .Append("startxref\n").Append(xref).Append("\n%%EOF\n");
        WriteAscii(table.ToString());
        _output.Flush();
    }

    private static string Font(string name) => $"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>";

    private static string LiteralString(string text)
    {
        var literal = new StringBuilder("(");
        foreach (var b in Helvetica.Encode(text))
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\') literal.Append('\\');
            literal.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : "?");
        }
        return literal.Append(')').ToString();
    }

    private int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count;
    }

    private void WriteObject(int number, string dictionary)
    {
        Begin(number, dictionary);
        WriteRaw("\nendobj\n"u8);
    }

    private void Begin(int number, string text)
    {
        if (_offsets[number - 1] >= 0) throw new InvalidOperationException($"Object {number} is written already.");
        _offsets[number - 1] = _position;
        WriteAscii($"{number} 0 obj\n{text}");
    }

    private void WriteAscii(string text) => WriteRaw(Encoding.ASCII.GetBytes(text));

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }
}

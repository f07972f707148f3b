using Lims.Infrastructure.Labels.Pdf;
using static Lims.Infrastructure.Labels.Units;

namespace Lims.Infrastructure.Labels;

/// <summary>
/// Sheets of labels for ordinary A4 label paper, bars and QR modules drawn as filled rectangles, text in the
/// standard font Helvetica (not embedded; WinAnsi text, other characters print as '?').
/// Written by our own small <see cref="PdfWriter"/>, which truly streams: labels are made and drawn page by page
/// as they are enumerated, and each finished page goes to the output at once, Flate-compressed. Memory held
/// besides the page being drawn: the byte offsets of the objects written (two per page) and the page numbers
/// for the page tree, written with the cross-reference table at the end — so any number of labels fits in memory.
/// 10,000 tube labels (257 pages) take under a second and a 1.6 MB file; the whole CLI process peaks at about 50 MB.
/// <see cref="WriteAsync"/> holds one page's bytes at a time, for outputs that take no synchronous writes.
/// </summary>
public static class PdfLabelWriter
{
    private const double Dot = 25.4 / 600;

    // The cutting guide: a hairline in light grey (#D3D3D3).
    private const double GuideGray = 0.827;
    private const double GuideWidth = 0.25;

    private static readonly double PageHeight = Points(SheetGrid.PageHeight);

    public static void Write(Stream output, IEnumerable<Label> labels, LabelOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var _ in Pages(output, labels, options ?? LabelOptions.Default, ct)) { }
    }

    /// <summary>
    /// The same document, for outputs that must be written asynchronously (an HTTP response): each page is drawn
    /// into a buffer, which goes to <paramref name="output"/> and is emptied before the next page is drawn.
    /// </summary>
    public static async Task WriteAsync(Stream output, IEnumerable<Label> labels, LabelOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        using var page = new MemoryStream(64 * 1024);
        foreach (var _ in Pages(page, labels, options ?? LabelOptions.Default, ct))
        {
            await output.WriteAsync(page.GetBuffer().AsMemory(0, (int)page.Length), ct);
            page.SetLength(0);
        }
        await output.FlushAsync(ct);
    }

    // Writes the document to the output, stopping after each page and after the end, so that the caller can pass on
    // what was written. The writer counts offsets itself, so the output may be emptied between steps.
    private static IEnumerable<int> Pages(Stream output, IEnumerable<Label> labels, LabelOptions options, CancellationToken ct)
    {
        using var enumerator = labels.GetEnumerator();
        var more = enumerator.MoveNext();
        if (!more) throw new LabelException("There are no labels to render.");
        var grid = SheetGrid.For(enumerator.Current.Kind);

        var pdf = new PdfWriter(output, Points(SheetGrid.PageWidth), PageHeight, "Lims labels");
        while (more)
        {
            var page = pdf.BeginPage();
            for (var slot = 0; slot < grid.PerPage && more; slot++, more = enumerator.MoveNext())
            {
                ct.ThrowIfCancellationRequested();
                grid.CheckKind(enumerator.Current);
                var (x, y) = grid.Slot(slot);
                Draw(page, LabelLayout.For(enumerator.Current, Dot, options), x, y);
            }
            pdf.EndPage();
            yield return pdf.PageCount;
        }
        pdf.Finish();
        yield return pdf.PageCount;
    }

    private static void Draw(PdfContent page, LabelLayout layout, double x, double y)
    {
        // A hairline outline as a cutting guide; label paper with die-cut labels simply ignores it.
        page.StrokeGray(GuideGray).LineWidth(GuideWidth);
        Rectangle(page, x, y, layout.Width, layout.Height, fill: false);

        page.FillGray(0);
        foreach (var (start, width) in layout.Symbol.Bars())
            Rectangle(page, x + layout.BarsX + start * layout.Module, y + layout.BarsY, width * layout.Module, layout.BarsHeight, fill: true);
        if (layout.Qr is { } qr)
        {
            foreach (var (row, column, length) in qr.Runs())
                Rectangle(page, x + qr.X + column * qr.Module, y + qr.Y + row * qr.Module, length * qr.Module, qr.Module, fill: true);
        }
        foreach (var text in layout.Texts)
        {
            // The layout cut the text by a rough estimate of its width; should Helvetica's real widths still be too
            // wide (capitals, a long barcode), the line is set smaller rather than losing characters.
            var size = Points(text.Size);
            var width = Helvetica.Width(text.Text, text.Bold) * size;
            var room = Points(text.Room);
            if (width > room) (size, width) = (size * room / width, room);
            page.Text(text.Text, Points(x + text.CenterX) - width / 2, PageHeight - Points(y + text.Baseline), size, text.Bold);
        }
    }

    // A rectangle given by its top-left corner in mm from the page's top-left, as PDF wants it: points from the bottom-left.
    private static void Rectangle(PdfContent page, double x, double y, double width, double height, bool fill)
    {
        var (left, bottom, w, h) = (Points(x), PageHeight - Points(y + height), Points(width), Points(height));
        if (fill) page.FillRectangle(left, bottom, w, h);
        else page.StrokeRectangle(left, bottom, w, h);
    }
}

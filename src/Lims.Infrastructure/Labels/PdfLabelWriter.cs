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
        options ??= LabelOptions.Default;

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
        }
        pdf.Finish();
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

using System.Globalization;
using System.Security;
using System.Text;
using static Lims.Infrastructure.Labels.Units;

namespace Lims.Infrastructure.Labels;

/// <summary>
/// SVG: bars and QR modules as black rectangles, quiet zones left white, text below. Sizes are in mm; the user
/// unit is a 600-dpi dot, so every bar edge has a whole-number coordinate that a laser printer hits exactly.
/// A single label is one document; a sheet is one document with the labels in an A4-wide grid, written label by label.
/// </summary>
public static class SvgLabelWriter
{
    private const double Dot = 25.4 / 600;
    private const string Fonts = "DejaVu Sans, Arial, Helvetica, sans-serif";

    public static string Render(Label label, LabelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        var layout = LabelLayout.For(label, Dot, options ?? LabelOptions.Default);
        var svg = new StringBuilder(8192);
        Open(svg, layout.Width, layout.Height);
        AppendLabel(svg, layout, 0, 0, outline: false);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// All labels in one SVG, in rows of as many as fit across A4. The document's height depends on the number of
    /// labels, which is why this takes a collection; its labels are still made and written one at a time.
    /// </summary>
    public static async Task WriteSheetAsync(TextWriter writer, IReadOnlyCollection<Label> labels, LabelOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new LabelException("There are no labels to render.");
        options ??= LabelOptions.Default;
        SheetGrid? grid = null;
        var index = 0;
        var buffer = new StringBuilder(8192);
        foreach (var label in labels)
        {
            ct.ThrowIfCancellationRequested();
            if (grid is null)
            {
                grid = SheetGrid.For(label.Kind);
                var rows = (labels.Count + grid.Columns - 1) / grid.Columns;
                Open(buffer, SheetGrid.PageWidth, 2 * SheetGrid.Margin + rows * grid.LabelHeight + (rows - 1) * SheetGrid.Gap);
            }
            grid.CheckKind(label);
            var (x, y) = grid.Slot(index++);
            AppendLabel(buffer, LabelLayout.For(label, Dot, options), x, y, outline: true);
            await writer.WriteAsync(buffer, ct);
            buffer.Clear();
        }
        if (index != labels.Count) throw new InvalidOperationException($"The collection said {labels.Count} labels but held {index}.");
        await writer.WriteAsync("</svg>\n".AsMemory(), ct);
        await writer.FlushAsync(ct);
    }

    private static void Open(StringBuilder svg, double width, double height) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Mm(width)}mm\" height=\"{Mm(height)}mm\" viewBox=\"0 0 {U(width)} {U(height)}\" shape-rendering=\"crispEdges\">\n");

    // Millimetres in user units (600-dpi dots).
    private static string U(double mm) => Mm(mm / Dot);

    private static void AppendLabel(StringBuilder svg, LabelLayout layout, double x, double y, bool outline)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({U(x)} {U(y)})\">\n");
        var stroke = outline ? " stroke=\"#bbb\" stroke-width=\"2\"" : "";
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{U(layout.Width)}\" height=\"{U(layout.Height)}\" fill=\"#fff\"{stroke}/>\n");
        svg.Append("<g class=\"bars\" fill=\"#000\">\n");
        foreach (var (start, width) in layout.Symbol.Bars())
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{U(layout.BarsX + start * layout.Module)}\" y=\"{U(layout.BarsY)}\" width=\"{U(width * layout.Module)}\" height=\"{U(layout.BarsHeight)}\"/>\n");
        }
        svg.Append("</g>\n");
        if (layout.Qr is { } qr)
        {
            svg.Append("<g class=\"qr\" fill=\"#000\">\n");
            foreach (var (row, column, length) in qr.Runs())
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{U(qr.X + column * qr.Module)}\" y=\"{U(qr.Y + row * qr.Module)}\" width=\"{U(length * qr.Module)}\" height=\"{U(qr.Module)}\"/>\n");
            }
            svg.Append("</g>\n");
        }
        foreach (var text in layout.Texts)
        {
            var weight = text.Bold ? " font-weight=\"bold\"" : "";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{U(text.CenterX)}\" y=\"{U(text.Baseline)}\" font-family=\"{Fonts}\" font-size=\"{U(text.Size)}\"{weight} text-anchor=\"middle\">{SecurityElement.Escape(text.Text)}</text>\n");
        }
        svg.Append("</g>\n");
    }
}

using System.Globalization;
using System.Text;

namespace Lims.Infrastructure.Labels.Pdf;

/// <summary>
/// The operators of one page's content stream, in PDF user space: points, origin at the bottom-left corner.
/// Fonts are the page resources /F1 (Helvetica) and /F2 (Helvetica-Bold).
/// </summary>
internal sealed class PdfContent
{
    private readonly StringBuilder _operators = new(64 * 1024);

    internal bool IsEmpty => _operators.Length == 0;

    internal void Clear() => _operators.Clear();

    /// <summary>The operators as bytes; they are ASCII, text included (other bytes are written as octal escapes).</summary>
    internal byte[] ToBytes() => Encoding.ASCII.GetBytes(_operators.ToString());

    /// <summary>Fill colour for what follows: 0 black, 1 white.</summary>
    public PdfContent FillGray(double gray) => Append($"{N(gray)} g\n");

    public PdfContent StrokeGray(double gray) => Append($"{N(gray)} G\n");

    public PdfContent LineWidth(double points) => Append($"{N(points)} w\n");

    /// <summary>A filled rectangle: <c>x y w h re f</c>, (x, y) its bottom-left corner.</summary>
    public PdfContent FillRectangle(double x, double y, double width, double height) =>
        Append($"{N(x)} {N(y)} {N(width)} {N(height)} re f\n");

    /// <summary>A rectangle's outline: <c>x y w h re S</c>, stroked with the current line width and colour.</summary>
    public PdfContent StrokeRectangle(double x, double y, double width, double height) =>
        Append($"{N(x)} {N(y)} {N(width)} {N(height)} re S\n");

    /// <summary>A line of text in Helvetica starting at (<paramref name="x"/>, <paramref name="baseline"/>), WinAnsi-encoded.</summary>
    public PdfContent Text(string text, double x, double baseline, double size, bool bold)
    {
        Append($"BT /{(bold ? "F2" : "F1")} {N(size)} Tf {N(x)} {N(baseline)} Td (");
        foreach (var b in Helvetica.Encode(text))
        {
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    _operators.Append('\\').Append((char)b);
                    break;
                case < 0x20 or >= 0x7F:
                    _operators.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default:
                    _operators.Append((char)b);
                    break;
            }
        }
        return Append($") Tj ET\n");
    }

    private PdfContent Append(string operators)
    {
        _operators.Append(operators);
        return this;
    }

    /// <summary>A number as PDF writes it: invariant, no exponent, at most 4 decimals (1/18,000 mm).</summary>
    internal static string N(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}

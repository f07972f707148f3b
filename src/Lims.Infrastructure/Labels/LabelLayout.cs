using Lims.Domain.Common;
using Lims.Domain.Labels;
using QRCoder;

namespace Lims.Infrastructure.Labels;

/// <summary>
/// A line of text, centred on <see cref="CenterX"/> in at most <see cref="Room"/>; <see cref="Size"/> is the font size,
/// all in mm. <see cref="Text"/> is already cut to fit by a rough estimate; a renderer that knows its font's widths may cut more.
/// </summary>
internal readonly record struct LabelText(string Text, double CenterX, double Top, double Size, bool Bold, double Room)
{
    public double Baseline => Top + 0.8 * Size;
}

/// <summary>A QR code: square modules of <see cref="Module"/> mm from (<see cref="X"/>, <see cref="Y"/>), quiet zone included.</summary>
internal sealed record QrPlacement(double X, double Y, double Module, bool[,] Dark)
{
    public int Size => Dark.GetLength(0);

    /// <summary>Dark modules merged into horizontal runs, so a renderer draws one rectangle per run.</summary>
    public IEnumerable<(int Row, int Column, int Length)> Runs()
    {
        for (var row = 0; row < Size; row++)
        {
            var column = 0;
            while (column < Size)
            {
                if (!Dark[row, column]) { column++; continue; }
                var start = column;
                while (column < Size && Dark[row, column]) column++;
                yield return (row, start, column - start);
            }
        }
    }
}

/// <summary>
/// Where everything goes on one label, in millimetres from its top-left corner. Every renderer draws the same
/// layout. The module (narrowest bar) is a whole number of <c>dot</c>s so bars land on the printer's grid: the
/// layout's module rounded to the nearest dot (a 0.25 mm tube module is 2 dots at 203 dpi, 3 at 300, 6 at 600), fewer
/// only where the label has no room for it, and never below the smallest module a scanner reads.
/// </summary>
internal sealed class LabelLayout
{
    /// <param name="MaxModule">The module the layout is drawn for, in mm; narrower only where a long barcode needs it.</param>
    private sealed record Spec(double Width, double Height, double Margin, double TitleSize, double TextSize, double MaxModule, bool HasQr);

    private const double Gap = 0.8;

    // 5 mil, the narrowest bar a 203-dpi printer makes and ordinary imagers read.
    private const double MinModule = 0.125;

    private LabelLayout(Label label, Spec spec, double dot, bool qr)
    {
        Width = spec.Width;
        Height = spec.Height;
        Symbol = Code128.Encode(label.Barcode.Value);

        var right = spec.Width - spec.Margin;
        if (qr && spec.HasQr)
        {
            Qr = MakeQr(label.Barcode.Value, right, spec, dot);
            right = Qr.X - Gap;
        }
        var left = spec.Margin;
        var room = right - left;

        var modules = Symbol.WidthWithQuietZones;
        var smallest = Math.Ceiling(MinModule / dot - 1e-9);
        var fits = Math.Floor(room / modules / dot + 1e-9);
        if (fits < smallest)
            throw new LabelException(
                $"\"{label.Barcode.Value}\" is too long for a {label.Kind.ToWire()} label: its barcode needs {modules * smallest * dot:0.#} mm with quiet zones, the label has {room:0.#} mm.");
        Module = Math.Min(fits, Math.Max(smallest, Math.Round(spec.MaxModule / dot, MidpointRounding.AwayFromZero))) * dot;
        BarsX = Snap(left + (room - modules * Module) / 2, dot) + Code128.QuietZoneModules * Module;

        var center = (left + right) / 2;
        var title = label.Note is { Length: > 0 } note ? $"{label.Purpose} · {note}" : label.Purpose;
        Title = new LabelText(Fit(title, room, spec.TitleSize), center, spec.Margin, spec.TitleSize, Bold: false, room);
        Text = new LabelText(label.Barcode.Value, center, spec.Height - spec.Margin - spec.TextSize, spec.TextSize, Bold: true, room);
        BarsY = Title.Top + spec.TitleSize + Gap;
        BarsHeight = Text.Top - Gap - BarsY;
    }

    public double Width { get; }

    public double Height { get; }

    public Code128Symbol Symbol { get; }

    public double Module { get; }

    /// <summary>Left edge of the first bar, after the quiet zone.</summary>
    public double BarsX { get; }

    public double BarsY { get; }

    public double BarsHeight { get; }

    public LabelText Title { get; }

    public LabelText Text { get; }

    public QrPlacement? Qr { get; }

    public IEnumerable<LabelText> Texts => [Title, Text];

    public static (double Width, double Height) Size(LabelKind kind)
    {
        var spec = SpecOf(kind);
        return (spec.Width, spec.Height);
    }

    /// <exception cref="LabelException">The barcode does not fit on the label even at one dot per module.</exception>
    public static LabelLayout For(Label label, double dot, LabelOptions options) => new(label, SpecOf(label.Kind), dot, options.QrCode);

    // Tube: a 50 × 19 mm wrap-around label; plate: a 76 × 19 mm side label; box: a 100 × 50 mm lid label.
    private static Spec SpecOf(LabelKind kind) => kind switch
    {
        LabelKind.Tube => new Spec(50, 19, 1.5, 2.4, 3.0, 0.25, HasQr: false),
        LabelKind.Plate => new Spec(76, 19, 1.5, 2.4, 3.0, 0.3, HasQr: true),
        LabelKind.Box => new Spec(100, 50, 3, 3.5, 4.5, 0.5, HasQr: true),
    };

    private static QrPlacement MakeQr(string text, double right, Spec spec, double dot)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var dark = new bool[size, size];
        for (var row = 0; row < size; row++)
            for (var column = 0; column < size; column++)
                dark[row, column] = data.ModuleMatrix[row][column];

        // The matrix carries its own 4-module quiet zone, so it may touch the label margin.
        var side = Math.Min(spec.Height - 2 * spec.Margin, 0.3 * spec.Width);
        var module = Math.Max(dot, Math.Floor(side / size / dot) * dot);
        return new QrPlacement(Snap(right - size * module, dot), Snap((spec.Height - size * module) / 2, dot), module, dark);
    }

    private static double Snap(double mm, double dot) => Math.Floor(mm / dot + 1e-9) * dot;

    // Rough width of a sans-serif character is 0.55 em; a note too long for the label is cut with an ellipsis.
    private static string Fit(string text, double room, double size)
    {
        text = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        var max = (int)(room / (0.55 * size));
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(1, max - 1)), "…");
    }
}

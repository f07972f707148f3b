using System.Globalization;
using System.Text;
using Lims.Domain.Labels;

namespace Lims.Infrastructure.Labels;

/// <summary>
/// Zebra ZPL II, one <c>^XA…^XZ</c> format per label. The bars are drawn as <c>^GB</c> boxes from our own
/// Code 128 encoding rather than with <c>^BC</c>, so the printed symbol is exactly the one the tests check,
/// independent of the printer firmware's own code-set choices.
/// </summary>
public static class ZplLabelWriter
{
    public static string Render(Label label, LabelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        options ??= LabelOptions.Default;
        if (!PrinterDpi.IsSupported(options.Dpi)) throw new LabelException(PrinterDpi.Refusal(options.Dpi));
        var dot = 25.4 / options.Dpi;
        var layout = LabelLayout.For(label, dot, options);
        int D(double mm) => (int)Math.Round(mm / dot);

        var zpl = new StringBuilder(4096);
        zpl.Append(CultureInfo.InvariantCulture, $"^XA^CI28^PW{D(layout.Width)}^LL{D(layout.Height)}^LH0,0\n");

        var module = D(layout.Module);
        var x0 = D(layout.BarsX);
        var top = D(layout.BarsY);
        var height = D(layout.BarsHeight);
        foreach (var (start, width) in layout.Symbol.Bars())
            zpl.Append(CultureInfo.InvariantCulture, $"^FO{x0 + start * module},{top}^GB{width * module},{height},{width * module}^FS\n");

        if (layout.Qr is { } qr)
        {
            var qm = D(qr.Module);
            var qx = D(qr.X);
            var qy = D(qr.Y);
            foreach (var (row, column, length) in qr.Runs())
                zpl.Append(CultureInfo.InvariantCulture, $"^FO{qx + column * qm},{qy + row * qm}^GB{length * qm},{qm},{qm}^FS\n");
        }

        foreach (var text in layout.Texts)
        {
            var half = Math.Min(text.CenterX, layout.Width - text.CenterX);
            var size = D(text.Size);
            zpl.Append(CultureInfo.InvariantCulture,
                $"^FO{D(text.CenterX - half)},{D(text.Top)}^A0N,{size},{size}^FB{D(2 * half)},1,0,C^FH_^FD{Escape(text.Text)}^FS\n");
        }
        zpl.Append("^PQ1^XZ\n");
        return zpl.ToString();
    }

    /// <summary>Writes one format per label as the labels are enumerated; nothing but the current label is held.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<Label> labels, LabelOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var label in labels)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteAsync(Render(label, options).AsMemory(), ct);
        }
        await writer.FlushAsync(ct);
    }

    // With ^FH_ every '_' starts a hex byte; '^' and '~' would start commands. Non-ASCII goes as UTF-8 bytes (^CI28).
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F && rune.Value is not ('^' or '~' or '_' or '\\'))
            {
                escaped.Append((char)rune.Value);
                continue;
            }
            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count]) escaped.Append(CultureInfo.InvariantCulture, $"_{b:X2}");
        }
        return escaped.ToString();
    }
}

using System.Text;

namespace Lims.Infrastructure.Labels;

public enum LabelFormat
{
    Zpl,
    Svg,
    Pdf,
}

/// <summary>Writes a label job in one of the formats; ZPL and SVG stream label by label, PDF page by page.</summary>
public static class LabelRenderer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(Stream output, LabelFormat format, IReadOnlyCollection<Label> labels, LabelOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new LabelException("There are no labels to render.");
        switch (format)
        {
            case LabelFormat.Zpl:
            case LabelFormat.Svg:
                await using (var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
                {
                    if (format == LabelFormat.Zpl) await ZplLabelWriter.WriteAsync(writer, labels, options, ct);
                    else await SvgLabelWriter.WriteSheetAsync(writer, labels, options, ct);
                }
                break;
            case LabelFormat.Pdf:
                PdfLabelWriter.Write(output, labels, options, ct);
                break;
        }
    }

    /// <summary>The format a file name's extension asks for, if it names one.</summary>
    public static LabelFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".zpl" => LabelFormat.Zpl,
        ".svg" => LabelFormat.Svg,
        ".pdf" => LabelFormat.Pdf,
        _ => null,
    };
}

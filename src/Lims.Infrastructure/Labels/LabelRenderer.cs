using System.Text;
using Lims.Domain.Common;

namespace Lims.Infrastructure.Labels;

public enum LabelFormat
{
    Zpl,
    Svg,
    Pdf,
}

/// <summary>
/// Writes a label job in one of the formats; ZPL and SVG stream label by label, PDF page by page. Every write to the
/// output is asynchronous, so the output may be an HTTP response body.
/// </summary>
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
                await PdfLabelWriter.WriteAsync(output, labels, options, ct);
                break;
        }
    }

    /// <summary>The format named <c>zpl</c>, <c>svg</c> or <c>pdf</c> (any case), if <paramref name="name"/> is one.</summary>
    public static LabelFormat? FormatNamed(string? name) => Wire.Parse<LabelFormat>(name?.ToLowerInvariant());

    /// <summary>
    /// The media type of a format. ZPL has no registered one: it is UTF-8 text (<c>^CI28</c>) that Zebra printers
    /// take as it is, so it is served as plain text.
    /// </summary>
    public static string ContentType(LabelFormat format) => format switch
    {
        LabelFormat.Zpl => "text/plain; charset=utf-8",
        LabelFormat.Svg => "image/svg+xml",
        LabelFormat.Pdf => "application/pdf",
    };

    public static string Extension(LabelFormat format) => format switch
    {
        LabelFormat.Zpl => ".zpl",
        LabelFormat.Svg => ".svg",
        LabelFormat.Pdf => ".pdf",
    };

    /// <summary>The format a file name's extension asks for, if it names one.</summary>
    public static LabelFormat? FormatOf(string path) => Path.GetExtension(path) is { Length: > 1 } extension ? FormatNamed(extension[1..]) : null;
}

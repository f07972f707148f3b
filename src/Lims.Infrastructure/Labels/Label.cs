using Lims.Domain.Labels;
using Lims.Domain.Tubes;

namespace Lims.Infrastructure.Labels;

/// <summary>One label: the barcode (bars and human-readable text), what it is for, and an optional note line.</summary>
public sealed record Label(LabelKind Kind, Barcode Barcode, string? Note = null)
{
    /// <summary>The line that tells a technician what the label belongs on.</summary>
    public string Purpose => Kind switch
    {
        LabelKind.Tube => "Sample tube",
        LabelKind.Box => "Transport box",
        LabelKind.Plate => "PCR plate",
    };

    /// <summary>Labels for texts typed by a user; the first one that is not a valid barcode is refused.</summary>
    /// <exception cref="LabelException">A text is not a valid barcode.</exception>
    public static IReadOnlyList<Label> For(LabelKind kind, IEnumerable<string> texts, string? note = null) =>
        texts.Select(text => Barcode.TryCreate(text, out var barcode, out var error)
                ? new Label(kind, barcode, note)
                : throw new LabelException($"\"{text}\" is not a barcode: {error}"))
            .ToList();

    /// <summary>Labels for barcodes already checked, such as a <see cref="BarcodeRange"/>'s, made one by one as they are enumerated.</summary>
    public static IReadOnlyList<Label> For(LabelKind kind, IReadOnlyList<Barcode> barcodes, string? note = null) =>
        new Projection(barcodes, barcode => new Label(kind, barcode, note));

    private sealed class Projection(IReadOnlyList<Barcode> source, Func<Barcode, Label> select) : IReadOnlyList<Label>
    {
        public Label this[int index] => select(source[index]);

        public int Count => source.Count;

        public IEnumerator<Label> GetEnumerator() => source.Select(select).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

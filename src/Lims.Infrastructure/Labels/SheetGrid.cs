using Lims.Domain.Labels;

namespace Lims.Infrastructure.Labels;

/// <summary>Labels of one kind in a grid on A4 paper (210 × 297 mm), left to right, then top to bottom.</summary>
internal sealed record SheetGrid(LabelKind Kind, double LabelWidth, double LabelHeight, int Columns, int Rows)
{
    public const double PageWidth = 210;
    public const double PageHeight = 297;
    public const double Margin = 8;
    public const double Gap = 2;

    public int PerPage => Columns * Rows;

    public static SheetGrid For(LabelKind kind)
    {
        var (width, height) = LabelLayout.Size(kind);
        var columns = Math.Max(1, (int)((PageWidth - 2 * Margin + Gap) / (width + Gap)));
        var rows = Math.Max(1, (int)((PageHeight - 2 * Margin + Gap) / (height + Gap)));
        return new SheetGrid(kind, width, height, columns, rows);
    }

    /// <summary>Top-left corner of the <paramref name="index"/>-th label, counting rows on without page breaks; columns centred.</summary>
    public (double X, double Y) Slot(int index)
    {
        var left = (PageWidth - Columns * LabelWidth - (Columns - 1) * Gap) / 2;
        return (left + index % Columns * (LabelWidth + Gap), Margin + index / Columns * (LabelHeight + Gap));
    }

    public void CheckKind(Label label)
    {
        if (label.Kind != Kind)
            throw new LabelException($"A sheet holds labels of one kind; {label.Barcode} is a {label.Kind} label among {Kind} labels.");
    }
}

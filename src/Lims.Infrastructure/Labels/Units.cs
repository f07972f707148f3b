using System.Globalization;

namespace Lims.Infrastructure.Labels;

internal static class Units
{
    /// <summary>A length in mm for SVG and ZPL text: invariant culture, at most 3 decimals.</summary>
    public static string Mm(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    public static double Points(double mm) => mm * 72 / 25.4;
}

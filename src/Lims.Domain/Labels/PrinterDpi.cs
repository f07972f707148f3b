namespace Lims.Domain.Labels;

/// <summary>The resolutions Zebra label printers print at, in dots per inch: ZPL coordinates are in their dots.</summary>
public static class PrinterDpi
{
    public const int Default = 203;

    public static readonly IReadOnlyList<int> Supported = [152, 203, 300, 600];

    public static bool IsSupported(int dpi) => Supported.Contains(dpi);

    public static string Refusal(int dpi) => $"Zebra printers print at 152, 203, 300 or 600 dpi, not {dpi}.";
}

namespace Lims.Scenarios;

public static class Barcodes
{
    private static int _sequence;

    /// <summary>
    /// A barcode no other call of this process answers (a counter) and, with the clock's ticks in it, unlike earlier
    /// runs' in practice: <paramref name="prefix"/> + 9 digits + 6 or more digits.
    /// </summary>
    public static string New(string prefix = "T") =>
        $"{prefix}{DateTime.UtcNow.Ticks % 1_000_000_000:D9}{Interlocked.Increment(ref _sequence):D6}";
}

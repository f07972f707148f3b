namespace Lims.Infrastructure.Instruments;

/// <summary>
/// An instrument result file could not be read: unknown format, corrupted, truncated or
/// inconsistent. The only exception <see cref="InstrumentFileReader"/> throws for a bad file;
/// the message says what is wrong in terms a lab technician can act on.
/// </summary>
public sealed class InstrumentFileException : Exception
{
    public InstrumentFileException(string message) : base(message)
    {
    }

    public InstrumentFileException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

using Lims.Domain.Assays;

namespace Lims.Application.Abstractions;

/// <summary>What a qPCR result file holds, as the use cases need it.</summary>
public sealed record RunFileContent(string Format, string? Instrument, IReadOnlyList<WellReading> Wells);

/// <summary>Reads an instrument result file of any supported format (detected from the content).</summary>
public interface IRunFileReader
{
    /// <exception cref="RequestValidationException">The file is empty, damaged, truncated or of no supported format (field <c>file</c>).</exception>
    RunFileContent Read(byte[] content);
}

using Lims.Domain.Common;
using Lims.Application.Abstractions;

namespace Lims.Infrastructure.Instruments;

/// <summary>The use cases' view of <see cref="InstrumentFileReader"/>: a file that cannot be read is a 400 on field <c>file</c>.</summary>
public sealed class RunFileReader : IRunFileReader
{
    public RunFileContent Read(byte[] content)
    {
        ParsedRun run;
        try
        {
            run = InstrumentFileReader.Parse(content);
        }
        catch (InstrumentFileException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
        var instrument = run.Instrument is { } i
            ? string.Join(" / ", new[] { i.Model, i.Name, i.SerialNumber is null ? null : "serial " + i.SerialNumber }.Where(s => !string.IsNullOrWhiteSpace(s)))
            : null;
        return new RunFileContent(run.Format.ToWire(), string.IsNullOrEmpty(instrument) ? null : instrument, run.ToReadings());
    }
}

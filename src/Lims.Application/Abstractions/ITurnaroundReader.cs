using Lims.Application.Features.Dashboard;
using Lims.Domain.Tubes;

namespace Lims.Application.Abstractions;

/// <summary>
/// Streams the tubes the turnaround dashboard counts into its tally: one priority's tubes due in
/// [<c>dueFrom</c>, <c>dueTo</c>) and collected in [<c>from</c>, <c>to</c>), read as plain columns (a day of a city
/// is millions of rows: no entity, no per-row object), in bounded memory.
/// </summary>
public interface ITurnaroundReader
{
    /// <returns>The tubes read.</returns>
    Task<long> ReadAsync(Priority priority, DateTimeOffset dueFrom, DateTimeOffset dueTo, DateTimeOffset from, DateTimeOffset to,
        TurnaroundTally tally, CancellationToken cancellationToken);
}

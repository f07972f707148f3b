using Lims.Domain.Pools.Recall;

namespace Lims.Application.Abstractions;

/// <summary>
/// Opens the cases of a recall pass in the caller's transaction, with the provider's bulk path (a day's positive pools
/// are tens of thousands of cases and hundreds of thousands of members): each pool's people, read from its tube, bound
/// to their order barcodes by the pass's rule (<see cref="RecallPass"/>). On PostgreSQL they are written at once, inside
/// the database; elsewhere they join the caller's unit of work and its save writes them. A pool that has its case
/// already is skipped, so a pool is never recalled twice; its barcodes stay unused.
/// </summary>
public interface IRecallCaseWriter
{
    /// <returns>The cases written, in the order of the pass.</returns>
    Task<IReadOnlyList<RecallCaseId>> WriteAsync(RecallPass pass, CancellationToken cancellationToken);
}

using Lims.Domain.Pools.Recall;

namespace Lims.Application.Abstractions;

/// <summary>
/// Writes new recall cases with their members in one transaction, with the provider's bulk path (a day's positive
/// pools are tens of thousands of cases and hundreds of thousands of members). A pool that got its case meanwhile
/// (another pass opened it) is skipped, so a pool is never recalled twice.
/// </summary>
public interface IRecallCaseWriter
{
    /// <returns>The cases written.</returns>
    Task<IReadOnlyList<RecallCaseId>> WriteAsync(IReadOnlyList<RecallCase> cases, CancellationToken cancellationToken);
}

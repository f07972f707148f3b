using Lims.Domain.Submitters;
using Lims.Domain.Tubes;

namespace Lims.Application.Abstractions;

/// <summary>
/// The bulk registration path: one transaction per batch, rows streamed with the provider's bulk
/// mechanism instead of one <c>SaveChanges</c> per row. Idempotent by (submitter, idempotency key):
/// the submission row is inserted first, and when that key is taken nothing is written.
/// </summary>
public interface IBatchRegistrationWriter
{
    /// <param name="submission">The new submission; <paramref name="complete"/> fills in its receipt.</param>
    /// <param name="tubes">Tubes that passed validation, with distinct barcodes.</param>
    /// <param name="complete">
    /// Called inside the transaction with the positions (in <paramref name="tubes"/>) of tubes whose
    /// barcode was already registered, which were not written; it completes the submission.
    /// </param>
    /// <returns>False when the submitter had already used the idempotency key: nothing was written.</returns>
    Task<bool> WriteAsync(Submission submission, IReadOnlyList<Tube> tubes, Action<IReadOnlyList<int>> complete, CancellationToken cancellationToken);
}

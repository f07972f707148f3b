using System.Security.Cryptography;
using Lims.Domain.Audit;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence.Audit;

namespace Lims.Infrastructure.Persistence.Bulk;

/// <summary>
/// The bulk paths write one summary event per batch, in the batch's transaction, instead of one per row: registration
/// runs at tens of thousands of people a second. The summary names the batch, counts what was written and carries a
/// hash that ties it to the content.
/// </summary>
internal static class BulkAudit
{
    /// <summary>At most this many recalled pools are named in a recall summary; a larger pass gives their number and a hash.</summary>
    public const int MaxPoolsListed = 100;

    public static AuditRecord BatchRegistered(AuditTrail trail, Submission submission, IEnumerable<Tube> accepted)
    {
        var (tubes, people) = (0, 0);
        foreach (var tube in accepted)
        {
            tubes++;
            people += tube.Members.Count;
        }
        return trail.Build("batch registered", "submission", submission.Id.ToString(), null, new
        {
            submitter = submission.SubmitterId.Value,
            tubes,
            people,
            rejected = submission.Rejected,
            requestSha256 = Convert.ToHexStringLower(submission.RequestHash),
        }, null);
    }

    public static AuditRecord RecallCasesOpened(AuditTrail trail, IReadOnlyList<RecallCase> cases) =>
        RecallCasesOpened(trail, [.. cases.Select(c => (c.Id, c.PoolBarcode.Value, c.Members.Count))]);

    public static AuditRecord RecallCasesOpened(AuditTrail trail, IReadOnlyList<(RecallCaseId Id, string Pool, int Members)> cases)
    {
        var ids = new byte[cases.Count * 16];
        for (var i = 0; i < cases.Count; i++) cases[i].Id.Value.TryWriteBytes(ids.AsSpan(i * 16, 16), bigEndian: true, out _);
        return trail.Build("recall cases opened", "recall-case", cases.Count == 1 ? cases[0].Id.ToString() : "*", null, new
        {
            cases = cases.Count,
            members = cases.Sum(c => c.Members),
            pools = cases.Count <= MaxPoolsListed ? cases.Select(c => c.Pool).ToArray() : null,
            // SHA-256 of the case ids, 16 bytes each (RFC 9562 byte order), in the order written.
            caseIdsSha256 = Convert.ToHexStringLower(SHA256.HashData(ids)),
        }, null);
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Audit;

/// <summary>Walks the whole chain in sequence order and names the first broken link, if any.</summary>
public sealed record VerifyAuditChain : IQuery<AuditVerification>;

/// <param name="Events">Events checked and found linked (all of them when <paramref name="Break"/> is null).</param>
/// <param name="HeadHash">The hash of the last event (64 zeros for an empty chain): note it somewhere else to detect a rewritten chain later.</param>
public sealed record AuditVerification(long Events, string HeadHash, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}

public sealed class VerifyAuditChainHandler(ILimsDbContext db) : IQueryHandler<VerifyAuditChain, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAuditChain query, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier();
        while (true)
        {
            // Events appended while the walk goes on are walked too: the head is read after the events, and the walk
            // goes on until it has reached the head (appends move events and head in one transaction).
            var walked = 0;
            var from = verifier.LastSeq;
            await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Seq > from).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (verifier.Next(e) is { } broken) return new AuditVerification(verifier.Count, verifier.LastHash, broken);
                walked++;
            }
            var head = await db.AuditChainHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
            if (head is null)
                return new AuditVerification(verifier.Count, verifier.LastHash,
                    new AuditChainBreak(verifier.LastSeq, AuditBreakKind.HeadMismatch, "the chain head (audit_chain_head) is missing"));
            if (head.Seq <= verifier.LastSeq || walked == 0)
                return new AuditVerification(verifier.Count, verifier.LastHash, verifier.Finish(head.Seq, head.Hash));
        }
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Audit;

/// <summary>
/// Walks the whole chain in sequence order and names the first broken link, if any. Given <paramref name="Head"/>, a head
/// recorded earlier as <c>SEQ:HASH</c> (<see cref="GetAuditHead"/>), the chain must still reach that event with that hash:
/// events cut off the end together with the chain head, which the chain alone cannot show, break it too.
/// </summary>
public sealed record VerifyAuditChain(string? Head = null) : IQuery<AuditVerification>;

public sealed class VerifyAuditChainValidator : AbstractValidator<VerifyAuditChain>
{
    public VerifyAuditChainValidator()
    {
        RuleFor(q => q.Head).Must(head => AuditHead.TryParse(head, out _)).When(q => q.Head is not null)
            .WithMessage("Give the head as " + AuditHead.Format + ".").OverridePropertyName("head");
    }
}

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
        var verifier = new AuditChainVerifier(AuditHead.TryParse(query.Head, out var recorded) ? recorded : null);
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

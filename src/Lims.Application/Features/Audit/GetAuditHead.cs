using Lims.Application.Abstractions;
using Lims.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Audit;

/// <summary>
/// The chain head as it stands: the last event's sequence number and hash, to keep somewhere the database's owner cannot
/// reach and give to <see cref="VerifyAuditChain"/> later.
/// </summary>
public sealed record GetAuditHead : IQuery<AuditHead>;

public sealed class GetAuditHeadHandler(ILimsDbContext db) : IQueryHandler<GetAuditHead, AuditHead>
{
    public async ValueTask<AuditHead> Handle(GetAuditHead query, CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken)
            ?? throw new InvalidOperationException(AuditChainHead.MissingMessage);
        return new AuditHead(head.Seq, head.Hash);
    }
}

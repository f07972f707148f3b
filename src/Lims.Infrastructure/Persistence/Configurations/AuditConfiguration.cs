using Lims.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        // Numbered from the chain head, not by the engine: the number is part of what is hashed.
        b.HasKey(x => x.Seq);
        b.Property(x => x.Seq).ValueGeneratedNever();
        b.Property(x => x.Actor).HasMaxLength(AuditRecord.MaxActorLength);
        b.Property(x => x.Action).HasMaxLength(AuditRecord.MaxActionLength);
        b.Property(x => x.EntityType).HasMaxLength(AuditRecord.MaxEntityTypeLength).IsUnicode(false);
        b.Property(x => x.EntityId).HasMaxLength(AuditRecord.MaxEntityIdLength);
        // Plain text, never jsonb: the hash is over the JSON exactly as written.
        b.Property(x => x.Before);
        b.Property(x => x.After);
        b.Property(x => x.Reason).HasMaxLength(AuditRecord.MaxReasonLength);
        b.Property(x => x.PrevHash).HasMaxLength(64).IsUnicode(false).IsFixedLength();
        b.Property(x => x.Hash).HasMaxLength(64).IsUnicode(false).IsFixedLength();
        // The history of one entity, in order.
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.Seq });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("audit_chain_head");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Hash).HasMaxLength(64).IsUnicode(false).IsFixedLength();
        b.HasData(new { Id = AuditChainHead.SingletonId, Seq = 0L, Hash = AuditChain.GenesisHash });
    }
}

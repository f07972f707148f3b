using Lims.Domain.Common;
using Lims.Domain.Inactivation;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class InactivationBatchConfiguration : IEntityTypeConfiguration<InactivationBatch>
{
    public void Configure(EntityTypeBuilder<InactivationBatch> b)
    {
        b.ToTable("inactivation_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new InactivationBatchId(v)).ValueGeneratedNever();
        b.Property(x => x.Code).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.HasIndex(x => new { x.Status, x.StartedAt });
        b.Property(x => x.Equipment).HasMaxLength(100);
        b.Property(x => x.Operator).HasMaxLength(100);
        b.Property(x => x.CompletedBy).HasMaxLength(100);
        b.Property(x => x.StartedBy).HasMaxLength(100);
        b.Property(x => x.OverrideReason).HasMaxLength(500);
        b.Property(x => x.OverrideSignedBy).HasMaxLength(StaffUser.MaxUserNameLength);
        b.Property(x => x.OverrideSignerRole).HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.RequiredDuration);

        b.OwnsMany(x => x.Tubes, t =>
        {
            t.ToTable("inactivation_tubes");
            t.WithOwner().HasForeignKey("BatchId");
            // A generated key: EF takes a new row whose key was set by the client for an existing one.
            t.Property<long>("Id");
            t.HasKey("Id");
            t.Property(x => x.TubeId).HasConversion(id => id.Value, v => new TubeId(v));
            // A tube is inactivated once, in one batch; a retest reuses the inactivated sample.
            t.HasIndex(x => x.TubeId).IsUnique();
            t.HasOne<Tube>().WithMany().HasForeignKey(x => x.TubeId).OnDelete(DeleteBehavior.Restrict);
            t.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        });
        b.Navigation(x => x.Tubes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

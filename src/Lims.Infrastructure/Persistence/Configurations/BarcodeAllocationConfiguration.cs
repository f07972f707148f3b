using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Submitters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class BarcodeAllocationConfiguration : IEntityTypeConfiguration<BarcodeAllocation>
{
    public void Configure(EntityTypeBuilder<BarcodeAllocation> b)
    {
        b.ToTable("barcode_ranges");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new BarcodeAllocationId(v)).ValueGeneratedNever();
        b.Property(x => x.Prefix).HasMaxLength(BarcodeRange.MaxPrefixLength).IsUnicode(false);
        // Two ranges issued at the same moment read the same highest sequence number and take the same start:
        // this index lets only one of them in. It also finds a prefix's last range.
        b.HasIndex(x => new { x.Prefix, x.First }).IsUnique();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.IssuedBy).HasMaxLength(BarcodeAllocation.MaxIssuedByLength);
        b.Property(x => x.Purpose).HasMaxLength(BarcodeAllocation.MaxPurposeLength);
        b.Property(x => x.IdempotencyKey).HasMaxLength(BarcodeAllocation.MaxIdempotencyKeyLength);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.Property(x => x.SubmitterId).HasConversion(id => id!.Value.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
    }
}

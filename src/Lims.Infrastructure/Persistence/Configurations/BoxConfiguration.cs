using Lims.Domain.Common;
using Lims.Domain.Receiving;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class BoxConfiguration : IEntityTypeConfiguration<Box>
{
    public void Configure(EntityTypeBuilder<Box> b)
    {
        b.ToTable("boxes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new BoxId(v)).ValueGeneratedNever();
        b.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.HasIndex(x => x.Barcode).IsUnique();
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.ShippedBy).HasMaxLength(100);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();

        b.OwnsMany(x => x.Tubes, t =>
        {
            t.ToTable("box_tubes");
            t.WithOwner().HasForeignKey("BoxId");
            t.Property(x => x.TubeId).HasConversion(id => id.Value, v => new TubeId(v));
            t.HasKey("BoxId", nameof(PackedTube.TubeId));
            // A tube travels in one box: it can be shipped only once.
            t.HasIndex(x => x.TubeId).IsUnique();
            t.HasOne<Tube>().WithMany().HasForeignKey(x => x.TubeId).OnDelete(DeleteBehavior.Restrict);
            t.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        });
        b.Navigation(x => x.Tubes).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(x => x.Scans, s =>
        {
            s.ToTable("box_scans");
            s.WithOwner().HasForeignKey("BoxId");
            // A generated key: EF takes a new row whose key was set by the client for an existing one.
            s.Property<long>("Id");
            s.HasKey("Id");
            s.HasIndex("BoxId", nameof(BoxScan.ScanId)).IsUnique();
            s.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            s.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            s.Property(x => x.By).HasMaxLength(100);
        });
        b.Navigation(x => x.Scans).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(x => x.Discrepancies, d =>
        {
            d.ToTable("box_discrepancies");
            d.WithOwner().HasForeignKey("BoxId");
            d.Property<long>("Id");
            d.HasKey("Id");
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            d.Property(x => x.Barcode).HasConversion(v => v!.Value.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            d.Property(x => x.Description).HasMaxLength(300);
            // Numbered once at close; the lab resolves a discrepancy by its number.
            d.HasIndex("BoxId", nameof(Discrepancy.Number)).IsUnique();
            d.Property(x => x.Resolution).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            d.Property(x => x.ResolutionNote).HasMaxLength(300);
            d.Property(x => x.ResolvedBy).HasMaxLength(100);
            d.Ignore(x => x.IsResolved);
        });
        b.Navigation(x => x.Discrepancies).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

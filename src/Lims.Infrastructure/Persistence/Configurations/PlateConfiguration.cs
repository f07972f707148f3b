using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class PlateConfiguration : IEntityTypeConfiguration<Plate>
{
    public void Configure(EntityTypeBuilder<Plate> b)
    {
        b.ToTable("plates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new PlateId(v)).ValueGeneratedNever();
        b.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.HasIndex(x => x.Barcode).IsUnique();
        b.Property(x => x.KitCode).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.KitVersion).HasMaxLength(32).IsUnicode(false);
        b.Property(x => x.FillOrder).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.SealedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();

        b.OwnsMany(x => x.Wells, w =>
        {
            w.ToTable("plate_wells");
            w.WithOwner().HasForeignKey("PlateId");
            // A generated key: EF takes a new row whose key was set by the client for an existing one.
            w.Property<long>("Id");
            w.HasKey("Id");
            w.Property(x => x.Position).HasConversion(p => p.ToString(), v => WellPosition.Parse(v)).HasMaxLength(3).IsUnicode(false);
            w.Property(x => x.Role).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
            w.Property(x => x.TubeId).HasConversion(id => id!.Value.Value, v => new TubeId(v));
            w.HasOne<Tube>().WithMany().HasForeignKey(x => x.TubeId).OnDelete(DeleteBehavior.Restrict);
            w.HasIndex(x => x.TubeId);
            w.Property(x => x.TubeBarcode).HasConversion(v => v!.Value.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            w.Property(x => x.ControlName).HasMaxLength(64);
            w.Ignore(x => x.Name);
        });
        b.Navigation(x => x.Wells).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RegisteredKitConfiguration : IEntityTypeConfiguration<RegisteredKit>
{
    public void Configure(EntityTypeBuilder<RegisteredKit> b)
    {
        b.ToTable("assay_kits");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Version).HasMaxLength(32).IsUnicode(false);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }
}

using System.Text.Json;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class PlateRunConfiguration : IEntityTypeConfiguration<PlateRun>
{
    public void Configure(EntityTypeBuilder<PlateRun> b)
    {
        b.ToTable("plate_runs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new PlateRunId(v)).ValueGeneratedNever();
        b.Property(x => x.PlateId).HasConversion(id => id.Value, v => new PlateId(v));
        b.HasOne<Plate>().WithMany().HasForeignKey(x => x.PlateId).OnDelete(DeleteBehavior.Restrict);
        // One run per plate, and one plate per file: a second import of the same file answers the first.
        b.HasIndex(x => x.PlateId).IsUnique();
        b.HasIndex(x => x.Sha256).IsUnique();
        b.HasIndex(x => x.PlateBarcode).IsUnique();
        b.Property(x => x.PlateBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.Sha256).HasMaxLength(64).IsUnicode(false);
        b.HasOne<RunFile>().WithMany().HasForeignKey(x => x.Sha256).HasPrincipalKey(f => f.Sha256).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Format).HasMaxLength(40).IsUnicode(false);
        b.Property(x => x.Instrument).HasMaxLength(200);
        b.Property(x => x.KitCode).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.KitVersion).HasMaxLength(32).IsUnicode(false);
        b.Property(x => x.QcReasons).HasConversion(Json.Converter<IReadOnlyList<string>>(), Json.Comparer<IReadOnlyList<string>>());
        // Runs imported before QC had notes have none.
        b.Property(x => x.QcNotes).HasConversion(Json.Converter<IReadOnlyList<string>>(), Json.Comparer<IReadOnlyList<string>>()).HasDefaultValueSql("'[]'");
        b.Property(x => x.ImportedBy).HasMaxLength(100);

        b.OwnsMany(x => x.Wells, w =>
        {
            w.ToTable("run_wells");
            w.WithOwner().HasForeignKey("RunId");
            w.Property<long>("Id");
            w.HasKey("Id");
            w.Property(x => x.Position).HasConversion(p => p.ToString(), v => WellPosition.Parse(v)).HasMaxLength(3).IsUnicode(false);
            w.Property(x => x.Sample).HasMaxLength(200);
            w.Property(x => x.Role).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
            w.Property(x => x.Call).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            w.Property(x => x.TubeId).HasConversion(id => id!.Value.Value, v => new TubeId(v));
            w.HasIndex(x => x.TubeId);
            w.Property(x => x.TubeBarcode).HasConversion(v => v!.Value.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            w.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            w.Property(x => x.Reasons).HasConversion(Json.Converter<IReadOnlyList<string>>(), Json.Comparer<IReadOnlyList<string>>());
            // Targets with their Ct and amplification curve, as the file gave them.
            w.Property(x => x.Targets).HasConversion(Json.Converter<IReadOnlyList<TargetReading>>(), Json.Comparer<IReadOnlyList<TargetReading>>());
        });
        b.Navigation(x => x.Wells).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RunFileConfiguration : IEntityTypeConfiguration<RunFile>
{
    public void Configure(EntityTypeBuilder<RunFile> b)
    {
        b.ToTable("run_files");
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64).IsUnicode(false).ValueGeneratedNever();
        b.Property(x => x.Content);
    }
}

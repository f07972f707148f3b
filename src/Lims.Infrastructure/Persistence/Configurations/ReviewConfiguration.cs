using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class PlateReviewConfiguration : IEntityTypeConfiguration<PlateReview>
{
    public void Configure(EntityTypeBuilder<PlateReview> b)
    {
        b.ToTable("plate_reviews");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new PlateReviewId(v)).ValueGeneratedNever();
        b.Property(x => x.PlateId).HasConversion(id => id.Value, v => new PlateId(v));
        b.HasOne<Plate>().WithMany().HasForeignKey(x => x.PlateId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.RunId).HasConversion(id => id.Value, v => new PlateRunId(v));
        // One review per run (and a plate has one run).
        b.HasIndex(x => x.RunId).IsUnique();
        b.Property(x => x.PlateBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.HasIndex(x => x.PlateBarcode).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        // The review queue: reviews not done, oldest first.
        b.HasIndex(x => new { x.Status, x.OpenedAt });
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property<List<string>>("_plateActors").HasColumnName("plate_actors")
            .HasConversion(Json.Converter<List<string>>(), Json.Comparer<List<string>>());
        b.Ignore(x => x.PlateActors);
        b.Ignore(x => x.FirstApproval);
        b.Ignore(x => x.SecondApproval);

        b.OwnsMany(x => x.Items, i =>
        {
            i.ToTable("review_items");
            i.WithOwner().HasForeignKey("ReviewId");
            i.Property<long>("Id");
            i.HasKey("Id");
            i.Property(x => x.TubeId).HasConversion(id => id.Value, v => new TubeId(v));
            i.HasIndex(x => x.TubeId);
            i.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            i.Property(x => x.Well).HasMaxLength(4).IsUnicode(false);
            i.Property(x => x.Call).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            i.Property(x => x.OriginalCall).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            i.Property(x => x.State).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            i.Ignore(x => x.Overridden);
        });
        b.Navigation(x => x.Items).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(x => x.Signatures, s =>
        {
            s.ToTable("review_signatures");
            s.WithOwner().HasForeignKey("ReviewId");
            s.Property<long>("Id");
            s.HasKey("Id");
            s.Property(x => x.UserName).HasMaxLength(64);
            s.Property(x => x.Role).HasMaxLength(16).IsUnicode(false);
            s.Property(x => x.Meaning).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            s.Property(x => x.TubeBarcode).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            s.Property(x => x.Reason).HasMaxLength(500);
        });
        b.Navigation(x => x.Signatures).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReleasedTubeConfiguration : IEntityTypeConfiguration<ReleasedTube>
{
    public void Configure(EntityTypeBuilder<ReleasedTube> b)
    {
        b.ToTable("released_tubes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.Cursor).IsUnique();
        b.Property(x => x.TubeId).HasConversion(id => id.Value, v => new TubeId(v));
        // A tube is released once.
        b.HasIndex(x => x.TubeId).IsUnique();
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        // A submitter pulls its results by cursor.
        b.HasIndex(x => new { x.SubmitterId, x.Cursor });
        b.HasIndex(x => x.ReleaseId);
        b.Property(x => x.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.Site).HasMaxLength(100);
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.ReleasedBy).HasMaxLength(100);
        b.Property(x => x.Call).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.KitCode).HasMaxLength(32);
        b.Property(x => x.KitVersion).HasMaxLength(32);
        b.Property(x => x.PlateBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.Property(x => x.Well).HasMaxLength(4).IsUnicode(false);

        b.OwnsMany(x => x.People, p =>
        {
            p.ToTable("person_results");
            p.WithOwner().HasForeignKey("ReleasedTubeId");
            p.Property<long>("Id");
            p.HasKey("Id");
            p.Property(x => x.PersonLookupHash).HasMaxLength(32);
            p.HasIndex(x => x.PersonLookupHash);
            p.Property(x => x.MaskedId).HasMaxLength(40);
            p.Property(x => x.MaskedName).HasMaxLength(200);
            p.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            p.Property(x => x.PatientId).HasMaxLength(Member.MaxPatientIdLength);
            p.Property(x => x.PatientIdSystem).HasMaxLength(Member.MaxPatientIdSystemLength);
        });
        b.Navigation(x => x.People).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>The one row that hands out release cursors: locked by the releasing transaction until it commits.</summary>
public sealed class ResultCursor
{
    public int Id { get; set; }
    public long Last { get; set; }
}

internal sealed class ResultCursorConfiguration : IEntityTypeConfiguration<ResultCursor>
{
    public void Configure(EntityTypeBuilder<ResultCursor> b)
    {
        b.ToTable("result_cursor");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Last).HasColumnName("last_cursor");
        b.HasData(new ResultCursor { Id = 1, Last = 0 });
    }
}

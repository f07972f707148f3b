using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class RecallCaseConfiguration : IEntityTypeConfiguration<RecallCase>
{
    public void Configure(EntityTypeBuilder<RecallCase> b)
    {
        b.ToTable("recall_cases");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasConversion(id => id.Value, v => new RecallCaseId(v)).ValueGeneratedNever();
        b.Property(x => x.PoolTubeId).HasConversion(id => id.Value, v => new TubeId(v));
        b.HasOne<Tube>().WithMany().HasForeignKey(x => x.PoolTubeId).OnDelete(DeleteBehavior.Restrict);
        // One recall per positive pool: opening it twice (a retry, the sweeping job) finds the first.
        b.HasIndex(x => x.PoolTubeId).IsUnique();
        b.Property(x => x.PoolBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Site).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.WithdrawnReason).HasMaxLength(500);
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Outstanding);

        b.OwnsMany(x => x.Members, m =>
        {
            m.ToTable("recall_members");
            m.WithOwner().HasForeignKey("RecallCaseId");
            // A member is its case and position (a pool's positions are unique): one index serves loading a case's
            // members and keeps them unique, and no identity is drawn per row on the bulk path.
            m.HasKey("RecallCaseId", nameof(RecallMember.Position));
            m.Property(x => x.Position).ValueGeneratedNever();
            m.Property(x => x.PersonMasked).HasMaxLength(40);
            // Kept to tie a member to their other tubes; not indexed: nothing looks recalls up by person (the public
            // lookup reads its own model), and a random 32-byte key costs every bulk insert.
            m.Property(x => x.PersonLookupHash).HasMaxLength(32);
            m.Property(x => x.OrderBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            // The single tube ordered for the member carries this barcode: its result is found by it. (On PostgreSQL the
            // column compares bytewise, "C": see LimsDbContext.)
            m.HasIndex(x => x.OrderBarcode).IsUnique();
            m.Property(x => x.Result).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            m.Property(x => x.ResultTube).HasConversion(v => v!.Value.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
            m.Ignore(x => x.HasResult);
        });
        b.Navigation(x => x.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class TubeConfiguration : IEntityTypeConfiguration<Tube>
{
    public void Configure(EntityTypeBuilder<Tube> b)
    {
        b.ToTable("tubes");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).HasConversion(id => id.Value, v => new TubeId(v)).ValueGeneratedNever();
        b.Property(t => t.Barcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.HasIndex(t => t.Barcode).IsUnique();
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(t => t.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(t => t.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.SubmissionId).HasConversion(id => id.Value, v => new SubmissionId(v));
        b.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Site).HasMaxLength(100);
        b.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(t => t.Call).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(t => t.Rejection).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.HasIndex(t => t.DueAt);
        // Work queues of interpreted tubes (positive pools awaiting their recall, calls awaiting review). Partial, so that
        // registration and the other steps, the hot paths, do not maintain it; the filter reads the same on every provider.
        b.HasIndex(t => new { t.Status, t.Call }).HasFilter("status = 'Interpreted'");
        // Tubes are inserted only by the bulk writers, which leave version to the database (and the recall-day probe's COPY
        // leaves member_count too): 0, as for a new tube. The old migrations added both columns with this default; the model
        // states it so the baseline and any table SQLite rebuilds keep it.
        b.Property(t => t.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.Property(t => t.MemberCount).HasDefaultValue(0);
        // The stage times (received_at … released_at) are plain nullable columns, null at registration, with no index of
        // their own: the turnaround dashboard finds a window of collection times through due_at (see GetTurnaround).
        b.Ignore(t => t.Times);

        b.OwnsMany(t => t.Members, m =>
        {
            m.ToTable("tube_members");
            m.WithOwner().HasForeignKey("TubeId");
            m.HasKey("TubeId", nameof(Member.Position));
            m.Property(x => x.Position).ValueGeneratedNever();
            // Name and phone are encrypted: PersonalColumns.
            m.Property(x => x.PatientId).HasMaxLength(Member.MaxPatientIdLength);
            m.Property(x => x.PatientIdSystem).HasMaxLength(Member.MaxPatientIdSystemLength);
            m.OwnsOne(x => x.Person, p =>
            {
                p.Property(x => x.Type).HasColumnName("id_type").HasConversion<string>().HasMaxLength(16).IsUnicode(false);
                p.Property(x => x.Cipher).HasColumnName("id_cipher").HasMaxLength(128);
                p.Property(x => x.LookupHash).HasColumnName("id_hash").HasMaxLength(32);
                p.Property(x => x.Masked).HasColumnName("id_masked").HasMaxLength(40);
                p.HasIndex(x => x.LookupHash);
            });
            m.Navigation(x => x.Person).IsRequired();
        });
        b.Navigation(t => t.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.OwnsMany(t => t.History, h =>
        {
            h.ToTable("tube_events");
            h.WithOwner().HasForeignKey("TubeId");
            h.Property<long>("Id");
            h.HasKey("Id");
            h.Property(x => x.From).HasColumnName("from_status").HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            h.Property(x => x.To).HasColumnName("to_status").HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            h.Property(x => x.Actor).HasMaxLength(100);
            h.Property(x => x.Reason).HasMaxLength(500);
        });
        b.Navigation(t => t.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

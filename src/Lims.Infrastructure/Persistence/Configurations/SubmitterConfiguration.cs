using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class SubmitterConfiguration : IEntityTypeConfiguration<Submitter>
{
    public void Configure(EntityTypeBuilder<Submitter> b)
    {
        b.ToTable("submitters");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasConversion(id => id.Value, v => new SubmitterId(v)).ValueGeneratedNever();
        b.Property(s => s.Code).HasMaxLength(32).IsUnicode(false);
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.ToTable("submissions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasConversion(id => id.Value, v => new SubmissionId(v)).ValueGeneratedNever();
        b.Property(s => s.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(s => s.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.IdempotencyKey).HasMaxLength(Submission.MaxIdempotencyKeyLength);
        b.HasIndex(s => new { s.SubmitterId, s.IdempotencyKey }).IsUnique();
        b.Property(s => s.RequestHash).HasMaxLength(32);
        b.Property(s => s.Reference).HasMaxLength(100);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.Role).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(k => k.SubmitterId).HasConversion(id => id!.Value.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(k => k.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(k => k.Station).HasMaxLength(32).IsUnicode(false);
        b.Property(k => k.Hash).HasMaxLength(32);
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Prefix).HasMaxLength(16).IsUnicode(false);
    }
}

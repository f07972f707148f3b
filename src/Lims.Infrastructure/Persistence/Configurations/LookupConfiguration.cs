using Lims.Application.Features.Lookup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

/// <summary>The public look-up's read model: one row per person, read by its primary key only.</summary>
internal sealed class LookupRowConfiguration : IEntityTypeConfiguration<LookupRow>
{
    public void Configure(EntityTypeBuilder<LookupRow> b)
    {
        b.ToTable("lookup_results");
        b.HasKey(x => x.PersonHash);
        b.Property(x => x.PersonHash).HasMaxLength(32).ValueGeneratedNever();
        b.Property(x => x.Payload);
    }
}

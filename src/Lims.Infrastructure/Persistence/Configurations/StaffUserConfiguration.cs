using Lims.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.ToTable("staff_users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasConversion(id => id.Value, v => new StaffUserId(v)).ValueGeneratedNever();
        b.Property(u => u.UserName).HasMaxLength(StaffUser.MaxUserNameLength);
        b.Property(u => u.NormalizedUserName).HasMaxLength(StaffUser.MaxUserNameLength);
        b.HasIndex(u => u.NormalizedUserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
        b.Property(u => u.CreatedBy).HasMaxLength(100);
        b.Ignore(u => u.Actor);
        b.Ignore(u => u.IsDisabled);
    }
}

internal sealed class SignInFailuresConfiguration : IEntityTypeConfiguration<SignInFailures>
{
    public void Configure(EntityTypeBuilder<SignInFailures> b)
    {
        b.ToTable("staff_sign_in_failures");
        b.HasKey(f => new { f.UserId, f.Origin });
        b.Property(f => f.UserId).HasConversion(id => id.Value, v => new StaffUserId(v)).ValueGeneratedNever();
        b.Property(f => f.Origin).HasMaxLength(SignInFailures.MaxOriginLength).IsUnicode(false);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Lims.Domain.Common;
using Lims.Domain.PublicHealth;
using Lims.Domain.Results;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lims.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("webhook_subscriptions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        // One webhook per submitter.
        b.HasIndex(x => x.SubmitterId).IsUnique();
        b.Property(x => x.Url).HasMaxLength(WebhookSubscription.MaxUrlLength);
        // The secret is encrypted: PersonalColumns.
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.MaskedSecret);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        // A release is delivered once to each submitter; a recall case's event once.
        b.HasIndex(x => new { x.ReleaseId, x.SubmitterId }).IsUnique();
        b.HasIndex(x => new { x.RecallCaseId, x.Event }).IsUnique();
        b.Property(x => x.Event).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        // A submitter's list, newest first, by state.
        b.HasIndex(x => new { x.SubmitterId, x.State, x.CreatedAt });
        // The sweeper: pending attempts past their time.
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        b.Property(x => x.RetriedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class PublicHealthNotificationConfiguration : IEntityTypeConfiguration<PublicHealthNotification>
{
    public void Configure(EntityTypeBuilder<PublicHealthNotification> b)
    {
        b.ToTable("public_health_notifications");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<ReleasedTube>().WithMany().HasForeignKey(x => x.ReleasedTubeId).OnDelete(DeleteBehavior.Restrict);
        // A positive person of a released tube is notified once.
        b.HasIndex(x => new { x.ReleasedTubeId, x.Position }).IsUnique();
        b.Property(x => x.TubeId).HasConversion(id => id.Value, v => new TubeId(v));
        b.Property(x => x.TubeBarcode).HasConversion(v => v.Value, v => Barcode.FromStored(v)).HasMaxLength(Barcode.MaxLength).IsUnicode(false);
        b.Property(x => x.SubmitterId).HasConversion(id => id.Value, v => new SubmitterId(v));
        b.HasOne<Submitter>().WithMany().HasForeignKey(x => x.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.MaskedId).HasMaxLength(40);
        // The sender and the overdue check: unsent notifications, oldest release first.
        b.HasIndex(x => new { x.State, x.ReleasedAt });
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.LastError).HasMaxLength(PublicHealthNotification.MaxErrorLength);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

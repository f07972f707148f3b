using Lims.Domain.Tubes;
using Lims.Domain.Webhooks;
using Lims.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lims.Infrastructure.Persistence.Configurations;

/// <summary>
/// The columns stored encrypted (<see cref="PersonalTextCipher"/>): members' names and phones, webhook secrets; national ids
/// are encrypted by their own protector (<c>id_cipher</c>). Nothing queries these columns: a look-up finds people by keyed
/// hashes. The <c>legacy_*</c> columns hold values written in clear before encryption, until start-up encrypts them
/// (<see cref="LegacyPersonalData"/>); they stay empty afterwards.
/// </summary>
internal static class PersonalColumns
{
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 32;
    public const int MaxSecretLength = 100;

    public static void Encrypt(ModelBuilder model, PersonalTextCipher cipher)
    {
        model.Entity<Tube>().OwnsMany(t => t.Members, m =>
        {
            m.Property(x => x.Name).HasColumnName("name_cipher").HasConversion(cipher.Converter(PersonalText.Name))
                .HasMaxLength(PersonalTextCipher.MaxBytes(MaxNameLength));
            m.Property(x => x.Phone).HasColumnName("phone_cipher").HasConversion((ValueConverter)cipher.Converter(PersonalText.Phone))
                .HasMaxLength(PersonalTextCipher.MaxBytes(MaxPhoneLength));
            m.Property<string?>(LegacyName).HasColumnName("legacy_name").HasMaxLength(MaxNameLength);
            m.Property<string?>(LegacyPhone).HasColumnName("legacy_phone").HasMaxLength(MaxPhoneLength).IsUnicode(false);
        });
        model.Entity<WebhookSubscription>(w =>
        {
            w.Property(x => x.Secret).HasColumnName("secret_cipher").HasConversion(cipher.Converter(PersonalText.WebhookSecret))
                .HasMaxLength(PersonalTextCipher.MaxBytes(MaxSecretLength));
            w.Property<string?>(LegacySecret).HasColumnName("legacy_secret").HasMaxLength(MaxSecretLength).IsUnicode(false);
        });
    }

    public const string LegacyName = "LegacyName";
    public const string LegacyPhone = "LegacyPhone";
    public const string LegacySecret = "LegacySecret";
}

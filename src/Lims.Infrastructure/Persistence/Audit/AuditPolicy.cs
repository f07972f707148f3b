using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lims.Domain.Audit;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// What the audit trail records of entity changes. Every entity of the model is audited unless listed here (an
/// opt-out list, so what is added later is audited by default); personal data and secrets are never written.
/// </summary>
internal static class AuditPolicy
{
    /// <summary>Written in place of a personal or secret value that changed.</summary>
    public const string RedactedValue = "(redacted)";

    /// <summary>A string longer than this is recorded by its SHA-256 and length, so events stay small.</summary>
    public const int MaxStringLength = 256;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The JSON is stored and hashed, never put into HTML: site names and reasons in any script stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Not recorded as entity changes: the trail itself, the public look-up's read model (derived from the released results,
    /// whose writing is audited; one row per person of every release would only repeat them, keyed by a person's hash), and
    /// the data-protection key ring (key material, made and rotated by the framework, not by anyone's action), and the count of
    /// sign-in attempts (counted in one statement each; every attempt is an event of its own, <c>signed-in</c> or <c>signed-in-refused</c>).
    /// </summary>
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEvent), typeof(AuditChainHead), typeof(Lims.Application.Features.Lookup.LookupRow),
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey), typeof(Lims.Domain.Staff.SignInFailures),
    ];

    /// <summary>
    /// Parts left out of before/after: a tube's own history repeats its status change (who and when are the event's;
    /// the history entry's reason becomes the event's reason).
    /// </summary>
    private static readonly HashSet<(Type, string)> Omitted = [(typeof(Tube), nameof(Tube.History))];

    /// <summary>Personal data and secrets by type and member (an owned part such as a member's person id as a whole).</summary>
    private static readonly HashSet<(Type, string)> Redacted =
    [
        (typeof(Member), nameof(Member.Name)),
        (typeof(Member), nameof(Member.Phone)),
        (typeof(Member), nameof(Member.Person)),
        (typeof(RecallMember), nameof(RecallMember.PersonMasked)),
        (typeof(RecallMember), nameof(RecallMember.PersonLookupHash)),
        (typeof(ApiKey), nameof(ApiKey.Hash)),
        (typeof(Lims.Domain.Staff.StaffUser), nameof(Lims.Domain.Staff.StaffUser.SecurityStamp)),
    ];

    /// <summary>Types that are personal data through and through.</summary>
    private static readonly HashSet<Type> RedactedTypes = [typeof(ProtectedPersonId)];

    /// <summary>Members of types added later are redacted when their name says what they hold.</summary>
    private static readonly string[] RedactedNameParts = ["Password", "Secret", "Phone", "Cipher", "LookupHash", "NationalId", "Salt", "Otp", "Totp"];

    /// <summary>The properties whose new value is the event's reason (a tube history entry's reason, an override's reason, a resolution's note).</summary>
    public static readonly HashSet<string> ReasonProperties = ["Reason", "OverrideReason", "ResolutionNote"];

    /// <summary>How an item of an owned collection is named in before/after (else its key).</summary>
    private static readonly string[] ItemKeyProperties = ["Position", "Number", "ScanId", "Barcode", "OrderBarcode"];

    public static bool IsAudited(IReadOnlyEntityType type) => !NotAudited.Contains(type.ClrType);

    public static bool IsOmitted(IReadOnlyNavigationBase navigation) => Omitted.Contains((navigation.DeclaringType.ClrType, navigation.Name));

    public static bool IsRedacted(IReadOnlyNavigationBase navigation) =>
        IsRedacted(navigation.DeclaringType.ClrType, navigation.Name) || RedactedTypes.Contains(navigation.TargetEntityType.ClrType);

    public static bool IsRedacted(IReadOnlyProperty property) =>
        IsRedacted(property.DeclaringType.ClrType, property.Name) || RedactedTypes.Contains(property.DeclaringType.ClrType);

    private static bool IsRedacted(Type type, string member) =>
        Redacted.Contains((type, member)) || Array.Exists(RedactedNameParts, part => member.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>The properties an event shows: the entity's own, not shadow keys and foreign keys, not concurrency counters.</summary>
    public static IEnumerable<IProperty> Shown(IEntityType type) =>
        type.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsConcurrencyToken);

    /// <summary>The entity type as events name it: the class in kebab-case (<c>tube</c>, <c>plate-run</c>, <c>registered-kit</c>).</summary>
    public static string EntityType(IReadOnlyEntityType type)
    {
        var name = type.ClrType.Name;
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>
    /// The entity as events name it: its barcode (tubes, boxes, plates; a run by its plate's), its code (submitters,
    /// inactivation batches; a kit as <c>code@version</c>), a staff account's user name (as its sign-ins are named),
    /// otherwise its primary key.
    /// </summary>
    public static string EntityId(EntityEntry entry)
    {
        var type = entry.Metadata;
        foreach (var name in (ReadOnlySpan<string>)["Barcode", "PlateBarcode", "Code", "UserName"])
            if (type.FindProperty(name) is { } property && !property.IsShadowProperty() && Value(entry, property) is { } value)
                return type.FindProperty("Version") is { } version && version.ClrType == typeof(string) && Value(entry, version) is { } v
                    ? $"{Text(property, value)}@{v}"
                    : Text(property, value);
        return string.Join("/", type.FindPrimaryKey()!.Properties.Select(p => Text(p, Value(entry, p))));
    }

    public static string ItemKey(EntityEntry entry)
    {
        foreach (var name in ItemKeyProperties)
            if (entry.Metadata.FindProperty(name) is { } property && !property.IsShadowProperty() && Value(entry, property) is { } value)
                return Text(property, value);
        return string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(p, Value(entry, p))));
    }

    /// <summary>The value as it stands (as it stood, for a deleted entity).</summary>
    public static object? Value(EntityEntry entry, IProperty property) =>
        entry.State == Microsoft.EntityFrameworkCore.EntityState.Deleted ? entry.Property(property).OriginalValue : entry.Property(property).CurrentValue;

    /// <summary>A property's value as events show it: the stored form (a barcode's text, an enum's name), times in UTC ISO 8601, long text by its hash.</summary>
    public static JsonNode? Format(IProperty property, object? value)
    {
        if (value is null) return null;
        if (IsRedacted(property)) return RedactedValue;
        switch (value)
        {
            case DateTimeOffset time:
                return Time(time);
            case byte[] bytes:
                return $"({bytes.Length} bytes)";
        }
        var stored = (property.GetValueConverter() ?? property.FindTypeMapping()?.Converter) is { } converter ? converter.ConvertToProvider(value) : value;
        return stored switch
        {
            null => null,
            string s when s.Length > MaxStringLength => $"(sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}, {s.Length} characters)",
            string s => s,
            bool b => b,
            int i => i,
            long l => l,
            short s => s,
            double d => d,
            decimal m => m,
            float f => f,
            DateTimeOffset t => Time(t),
            DateTime t => Time(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))),
            byte[] bytes => $"({bytes.Length} bytes)",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => stored.ToString(),
        };
    }

    private static string Text(IProperty property, object? value) =>
        Format(property, value) is JsonValue v ? v.ToString() : "";

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

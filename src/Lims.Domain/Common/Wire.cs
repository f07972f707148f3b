using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lims.Domain.Common;

/// <summary>
/// How enum values reach the wire (JSON, CLI, messages): one policy, kebab-case of the member's name
/// (<c>AwaitingSecondApproval</c> → <c>awaiting-second-approval</c>, <c>CnResident</c> → <c>cn-resident</c>), or the
/// name a member declares with <see cref="JsonStringEnumMemberNameAttribute"/> where the domain's word differs — the same
/// names <see cref="JsonStringEnumConverter"/> writes with <see cref="JsonNamingPolicy.KebabCaseLower"/>.
/// </summary>
public static class Wire
{
    /// <summary>The wire name of a value.</summary>
    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    /// <summary>The value with this wire name (exact, case-sensitive), or null.</summary>
    public static TEnum? Parse<TEnum>(string? wire) where TEnum : struct, Enum =>
        wire is not null && Names<TEnum>.ByName.TryGetValue(wire, out var value) ? value : null;

    /// <summary>Every wire name, in declaration order, e.g. for "one of: a, b or c" messages.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.InOrder;

    /// <summary>"a, b or c": the wire names, for messages.</summary>
    public static string OneOf<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Listed;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder;
        public static readonly FrozenDictionary<TEnum, string> ByValue;
        public static readonly FrozenDictionary<string, TEnum> ByName;
        public static readonly string Listed;

        static Names()
        {
            var fields = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static);
            var pairs = fields.Select(f => (Value: (TEnum)f.GetValue(null)!,
                Name: f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(f.Name))).ToList();
            InOrder = [.. pairs.Select(p => p.Name)];
            ByValue = pairs.ToFrozenDictionary(p => p.Value, p => p.Name);
            ByName = pairs.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            Listed = InOrder.Count <= 1 ? string.Join("", InOrder) : string.Join(", ", InOrder.Take(InOrder.Count - 1)) + " or " + InOrder[^1];
        }
    }
}

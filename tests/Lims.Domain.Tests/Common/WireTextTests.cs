using System.Text.Json;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Common;

/// <summary>Caller text quoted with a cap, characters no name may hold, JSON errors in words, and the earliest collection time.</summary>
public sealed class WireTextTests
{
    [Fact]
    public void A_quoted_value_is_capped_with_its_length()
    {
        Assert.Equal("'abc'", WireText.Quote("abc"));
        var quoted = WireText.Quote(new string('x', 20_971_520));
        Assert.Equal($"'{new string('x', WireText.MaxQuoted)}…' (20,971,520 characters)", quoted);
    }

    [Theory]
    [InlineData("\u202E", true)]
    [InlineData("a\u2067b", true)]
    [InlineData("a\u061Cb", true)]
    [InlineData("a\tb", true)]
    [InlineData("a\u0085b", true)]
    [InlineData("a\u2028b", true)]
    [InlineData("Zhang San", false)]
    [InlineData("张三 — Müller-Lüdenscheidt (O'Brien)", false)]
    [InlineData("مريم", false)]
    public void Control_and_bidirectional_formatting_characters_are_unsafe_in_names(string text, bool unsafeText) =>
        Assert.Equal(unsafeText, WireText.UnsafeCharacter(text) is not null);

    private sealed record Inner(int? Count, string? Name);

    private sealed record Outer(IReadOnlyList<Inner?>? Items, Guid? Id);

    [Theory]
    [InlineData("""{"items":[{"count":"ten"}]}""", "items[0].count", "'count' must be a whole number")]
    [InlineData("""{"items":[{"name":7}]}""", "items[0].name", "'name' must be a string")]
    [InlineData("""{"items":"many"}""", "items", "'items' must be an array")]
    [InlineData("""{"id":"abc"}""", "id", "'id' must be a GUID")]
    [InlineData("""{"items":[],"items":[]}""", "items", "given more than once")]
    [InlineData("""{ nope""", "", "Not valid JSON (line 1, byte 3)")]
    public void A_json_error_names_the_field_and_what_belongs_there_without_dotnet_types(string json, string field, string says)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Outer>(json, options));

        var (at, message) = JsonErrors.Describe(e, typeof(Outer), options);

        Assert.Equal(field, at);
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Outer", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kit_whose_json_does_not_fit_is_refused_in_words()
    {
        var e = Assert.Throws<DomainException>(() => AssayKitJson.Parse("""{ "code": "x", "ctCutoff": "forty" }"""));

        Assert.StartsWith("The kit definition is not valid at ctCutoff: 'ctCutoff' must be a number (line 1, byte ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tube_collected_before_2020_is_refused()
    {
        var registered = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        var e = Assert.Throws<DomainException>(() => TestData.Register(collectedAt: new DateTimeOffset(2019, 12, 31, 23, 0, 0, TimeSpan.Zero), registeredAt: registered));

        Assert.Equal("collected-before-2020", e.Code);
        Assert.Null(Tube.CollectionTimeError(Tube.EarliestCollection, registered));
        Assert.Null(Tube.CollectionTimeError(registered + Tube.AllowedClockSkew, registered));
        Assert.Contains("future", Tube.CollectionTimeError(registered + Tube.AllowedClockSkew + TimeSpan.FromSeconds(1), registered), StringComparison.Ordinal);
    }
}

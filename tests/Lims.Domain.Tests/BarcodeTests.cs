using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

public sealed class BarcodeTests
{
    [Theory]
    [InlineData("ABCD")]
    [InlineData("T000000000000000000000000000001X")]
    [InlineData("ab-1")]
    [InlineData("TB-2026.11_23")]
    [InlineData("0_._")]
    public void Barcode_of_4_to_32_letters_digits_dashes_dots_and_underscores_is_accepted_as_given(string value)
    {
        var barcode = Barcode.Create(value);

        Assert.Equal(value, barcode.Value);
        Assert.Equal(value, barcode.ToString());
    }

    [Fact]
    public void The_length_limits_are_4_and_32()
    {
        Assert.Equal(4, Barcode.MinLength);
        Assert.Equal(32, Barcode.MaxLength);
        Assert.True(Barcode.TryCreate(new string('A', 4), out _, out _));
        Assert.True(Barcode.TryCreate(new string('A', 32), out _, out _));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(33)]
    [InlineData(1)]
    [InlineData(100)]
    public void Barcode_outside_4_to_32_characters_is_rejected_with_its_length(int length)
    {
        var ok = Barcode.TryCreate(new string('A', length), out var barcode, out var error);

        Assert.False(ok);
        Assert.Equal(default, barcode);
        Assert.Contains($"This one has {length}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_printable_ascii_only_letters_digits_dash_dot_and_underscore_are_accepted()
    {
        for (var c = '!'; c <= '~'; c++)
        {
            var value = "AB" + c + "Z";
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_';
            Assert.True(allowed == Barcode.TryCreate(value, out _, out var error), $"{value}: {error}");
            if (!allowed) Assert.Contains($"'{c}' (U+{(int)c:X4}) at position 3", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("TB/00001", "'/' (U+002F) at position 3")]
    [InlineData("=2+5+cmd", "starts with '='")]
    [InlineData("=HYPERLINK(\"x\")", "starts with '='")]
    [InlineData("-TB0001", "starts with '-'")]
    [InlineData(".TB0001", "starts with '.'")]
    [InlineData("_TB0001", "starts with '_'")]
    [InlineData("TB,0001", "',' (U+002C) at position 3")]
    [InlineData("TB%2F01", "'%' (U+0025) at position 3")]
    [InlineData("TB?0001", "'?' (U+003F) at position 3")]
    [InlineData("TB#0001", "'#' (U+0023) at position 3")]
    public void A_barcode_that_would_break_a_url_or_a_csv_field_is_refused_saying_why(string value, string why)
    {
        Assert.False(Barcode.TryCreate(value, out _, out var error));

        Assert.StartsWith(Barcode.Rule, error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TB/00001")]
    [InlineData("=2+5+cmd")]
    [InlineData("!~!~")]
    public void A_barcode_stored_under_the_earlier_rule_is_still_found_but_nothing_new_is_made_with_it(string stored)
    {
        Assert.True(Barcode.TryParse(stored, out var found));
        Assert.Equal(stored, found.Value);
        Assert.Equal(found, Barcode.Parse(stored));
        Assert.Equal(stored, Barcode.FromStored(stored).Value);
        Assert.Equal("invalid-barcode", Assert.Throws<DomainException>(() => Barcode.Create(stored)).Code);
    }

    [Theory]
    [InlineData("AB CD")]
    [InlineData("ABC")]
    [InlineData("ABCé")]
    [InlineData(null)]
    public void What_was_never_a_barcode_is_not_found_either(string? value)
    {
        Assert.False(Barcode.TryParse(value, out _));
        Assert.Equal("invalid-barcode", Assert.Throws<DomainException>(() => Barcode.Parse(value)).Code);
    }

    [Theory]
    [InlineData("AB CD", "U+0020 at position 3")]
    [InlineData(" ABCD", "starts with U+0020")]
    [InlineData("ABCD ", "U+0020 at position 5")]
    [InlineData("ABC\tD", "U+0009 at position 4")]
    [InlineData("ABCD\n", "U+000A at position 5")]
    [InlineData("A\0BCD", "U+0000 at position 2")]
    [InlineData("ABC\u007F", "U+007F at position 4")]
    [InlineData("ABCé", "U+00E9 at position 4")]
    [InlineData("条码1234", "starts with U+6761")]
    [InlineData("ABCD\u00A0", "U+00A0 at position 5")]
    [InlineData("ＡBCD", "starts with U+FF21")]
    public void Space_control_and_non_ascii_characters_are_rejected_naming_the_position(string value, string why)
    {
        var ok = Barcode.TryCreate(value, out _, out var error);

        Assert.False(ok);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_offending_position_is_the_one_reported()
    {
        Assert.False(Barcode.TryCreate("AB C é", out _, out var error));

        Assert.Contains("at position 3.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("position 5", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_barcode_is_rejected(string? value)
    {
        Assert.False(Barcode.TryCreate(value, out _, out var error));
        Assert.Equal("A barcode is required.", error);
    }

    [Fact]
    public void Valid_barcode_reports_no_error()
    {
        Assert.True(Barcode.TryCreate("T123", out _, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("AB CD")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void Create_throws_invalid_barcode_with_the_same_message_as_TryCreate(string? value)
    {
        Barcode.TryCreate(value, out _, out var expected);

        var ex = Assert.Throws<DomainException>(() => Barcode.Create(value));

        Assert.Equal("invalid-barcode", ex.Code);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Barcodes_are_compared_by_value()
    {
        Assert.Equal(Barcode.Create(new string('7', 8)), Barcode.Create("77777777"));
        Assert.NotEqual(Barcode.Create("T0001"), Barcode.Create("T0002"));
    }
}

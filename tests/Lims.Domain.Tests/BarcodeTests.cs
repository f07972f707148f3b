using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

public sealed class BarcodeTests
{
    [Theory]
    [InlineData("ABCD")]
    [InlineData("T000000000000000000000000000001X")]
    [InlineData("ab-1")]
    [InlineData("!~!~")]
    public void Barcode_of_4_to_32_printable_characters_is_accepted_as_given(string value)
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
        Assert.Contains($"this one has {length}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_printable_ascii_character_except_space_is_accepted()
    {
        for (var c = '!'; c <= '~'; c++)
        {
            var value = "AB" + c + "Z";
            Assert.True(Barcode.TryCreate(value, out var barcode, out var error), $"U+{(int)c:X4}: {error}");
            Assert.Equal(value, barcode.Value);
        }
    }

    [Theory]
    [InlineData("AB CD", 3, "U+0020")]
    [InlineData(" ABCD", 1, "U+0020")]
    [InlineData("ABCD ", 5, "U+0020")]
    [InlineData("ABC\tD", 4, "U+0009")]
    [InlineData("ABCD\n", 5, "U+000A")]
    [InlineData("A\0BCD", 2, "U+0000")]
    [InlineData("ABC\u007F", 4, "U+007F")]
    [InlineData("ABCé", 4, "U+00E9")]
    [InlineData("条码1234", 1, "U+6761")]
    [InlineData("ABCD\u00A0", 5, "U+00A0")]
    [InlineData("ＡBCD", 1, "U+FF21")]
    public void Space_control_and_non_ascii_characters_are_rejected_naming_the_position(string value, int position, string codePoint)
    {
        var ok = Barcode.TryCreate(value, out _, out var error);

        Assert.False(ok);
        Assert.Contains($"position {position} ", error, StringComparison.Ordinal);
        Assert.Contains(codePoint, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_offending_position_is_the_one_reported()
    {
        Assert.False(Barcode.TryCreate("AB C é", out _, out var error));

        Assert.Contains("position 3 ", error, StringComparison.Ordinal);
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

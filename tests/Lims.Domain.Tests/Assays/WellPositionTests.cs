using Lims.Domain.Common;
using Lims.Domain.Plates;

namespace Lims.Domain.Tests.Assays;

public sealed class WellPositionTests
{
    [Theory]
    [InlineData("A1", "A1")]
    [InlineData("A01", "A1")]
    [InlineData("a1", "A1")]
    [InlineData(" h12 ", "H12")]
    [InlineData("P24", "P24")]
    [InlineData("p024", "P24")]
    public void Parses_letter_and_column_and_writes_them_normalised(string text, string expected)
    {
        Assert.Equal(expected, WellPosition.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("A0")]
    [InlineData("A25")]
    [InlineData("Q1")]
    [InlineData("1A")]
    [InlineData("A1x")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_well(string? text)
    {
        Assert.False(WellPosition.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal("invalid-well", Assert.Throws<DomainException>(() => WellPosition.Parse(text)).Code);
    }

    [Theory]
    [InlineData(0, 96, "A1")]
    [InlineData(11, 96, "A12")]
    [InlineData(12, 96, "B1")]
    [InlineData(38, 96, "D3")]
    [InlineData(95, 96, "H12")]
    [InlineData(0, 384, "A1")]
    [InlineData(24, 384, "B1")]
    [InlineData(383, 384, "P24")]
    public void Index_counts_from_zero_row_by_row(int index, int plateSize, string expected)
    {
        var well = WellPosition.FromIndex(index, plateSize);

        Assert.Equal(expected, well.ToString());
        Assert.Equal(index, well.ToIndex(plateSize));
    }

    [Fact]
    public void Number_counts_from_one()
    {
        Assert.Equal("A1", WellPosition.FromNumber(1, 96).ToString());
        Assert.Equal("A13", WellPosition.FromNumber(13, 384).ToString());
        Assert.Equal("H12", WellPosition.FromNumber(96, 96).ToString());
    }

    [Theory]
    [InlineData(-1, 96)]
    [InlineData(96, 96)]
    [InlineData(384, 384)]
    [InlineData(0, 48)]
    public void Index_outside_the_plate_is_refused(int index, int plateSize)
    {
        Assert.False(WellPosition.TryFromIndex(index, plateSize, out _, out var error));
        Assert.NotNull(error);
        Assert.Throws<DomainException>(() => WellPosition.FromIndex(index, plateSize));
    }

    [Fact]
    public void A_384_well_is_not_on_a_96_well_plate()
    {
        Assert.True(WellPosition.Parse("H12").FitsIn(96));
        Assert.False(WellPosition.Parse("I1").FitsIn(96));
        Assert.False(WellPosition.Parse("A13").FitsIn(96));
        Assert.True(WellPosition.Parse("A13").FitsIn(384));
    }

    [Fact]
    public void Wells_sort_row_by_row()
    {
        var wells = new[] { "B1", "A12", "A2", "A1" }.Select(WellPosition.Parse).Order().Select(w => w.ToString());

        Assert.Equal(["A1", "A2", "A12", "B1"], wells);
        Assert.Equal(WellPosition.Parse("A01"), WellPosition.Parse("a1"));
    }
}

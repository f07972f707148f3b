using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Labels;

public class BarcodeRangeTests
{
    [Fact]
    public void Check_digit_follows_the_Damm_algorithm_worked_example()
    {
        Assert.Equal('4', BarcodeRange.CheckDigit("572")); // Damm's example: 572 → 5724
    }

    [Fact]
    public void Formats_prefix_nine_digits_and_check_digit()
    {
        var text = BarcodeRange.Format("T26", 1234);

        Assert.Matches("^T26000001234[0-9]$", text);
        Assert.True(Barcode.TryCreate(text, out _, out _));
        Assert.True(BarcodeRange.TryParse(text, out var prefix, out var sequence, out _));
        Assert.Equal(("T26", 1234L), (prefix, sequence));
    }

    [Fact]
    public void Every_single_wrong_digit_and_every_swap_of_neighbouring_digits_is_caught()
    {
        var random = new Random(26);
        for (var n = 0; n < 300; n++)
        {
            var text = BarcodeRange.Format("T26", random.NextInt64(0, BarcodeRange.MaxSequence + 1));
            for (var i = 1; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i])) continue;
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d == text[i]) continue;
                    var typo = string.Concat(text.AsSpan(0, i), d.ToString(), text.AsSpan(i + 1));
                    Assert.False(BarcodeRange.TryParse(typo, out _, out _, out _), typo);
                }
                if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && text[i] != text[i + 1])
                {
                    var swapped = string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2));
                    Assert.False(BarcodeRange.TryParse(swapped, out _, out _, out var error), swapped);
                    Assert.Contains("check digit", error, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void A_range_makes_its_barcodes_on_demand_in_order()
    {
        var range = BarcodeRange.Create("T26", 999_999_990, 10);

        Assert.Equal(10, range.Count);
        Assert.Equal(BarcodeRange.MaxSequence, range.Last);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => BarcodeRange.Format("T26", 999_999_990 + i)), range.Select(b => b.Value));
        Assert.Equal(BarcodeRange.Format("T26", 999_999_995), range[5].Value);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("t26", 1, 1)]
    [InlineData("26T", 1, 1)]
    [InlineData("T-26", 1, 1)]
    [InlineData("ABCDEFGHI", 1, 1)]
    [InlineData("T26", -1, 1)]
    [InlineData("T26", 999_999_999, 2)]
    [InlineData("T26", 1, 0)]
    [InlineData("T26", 1, BarcodeRange.MaxCount + 1)]
    public void Refuses_a_range_it_cannot_make(string prefix, long start, int count)
    {
        var e = Assert.Throws<DomainException>(() => BarcodeRange.Create(prefix, start, count));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("T2600000123")] // too short
    [InlineData("T26X00001234")] // letter in the sequence
    [InlineData("26000001234")] // no prefix
    public void TryParse_rejects_text_that_is_not_a_range_barcode(string text)
    {
        Assert.False(BarcodeRange.TryParse(text, out _, out _, out var error));
        Assert.NotEmpty(error);
    }
}

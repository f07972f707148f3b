using Lims.Domain.Common;
using Lims.Domain.Labels;

namespace Lims.Domain.Tests.Labels;

public sealed class BarcodeAllocationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static BarcodeAllocation Issue(string prefix, long? highest, int count, string? purpose = null, string? key = null) =>
        BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, highest, count, LabelKind.Tube, Now, "station:bench-1", purpose, key);

    [Fact]
    public void The_first_range_of_a_prefix_starts_at_sequence_number_1()
    {
        var range = Issue("T26", highest: null, count: 100);

        Assert.Equal((1L, 100L, 100), (range.First, range.Last, range.Count));
        Assert.Equal(BarcodeRange.Format("T26", 1), range.FirstBarcode);
        Assert.Equal(BarcodeRange.Format("T26", 100), range.LastBarcode);
        Assert.Equal(Now.ToUniversalTime(), range.IssuedAt);
        Assert.Equal(TimeSpan.Zero, range.IssuedAt.Offset);
    }

    [Fact]
    public void The_time_of_issue_is_kept_in_whole_milliseconds_utc()
    {
        var range = BarcodeAllocation.Issue(BarcodeAllocationId.New(), "T26", null, 1, LabelKind.Tube, Now.AddTicks(12_345), "station:bench-1");

        Assert.Equal(Now.AddTicks(10_000), range.IssuedAt);
        Assert.Equal(TimeSpan.Zero, range.IssuedAt.Offset);
    }

    [Fact]
    public void A_new_range_starts_right_after_the_highest_number_issued()
    {
        var first = Issue("T26", null, 10);
        var second = Issue("T26", first.Last, 5);
        var third = Issue("T26", second.Last, 1);

        Assert.Equal((11L, 15L), (second.First, second.Last));
        Assert.Equal((16L, 16L), (third.First, third.Last));
        Assert.Equal(["T26", "T26", "T26"], new[] { first, second, third }.Select(r => r.Prefix));
        var barcodes = new[] { first, second, third }.SelectMany(r => r.Range).Select(b => b.Value).ToList();
        Assert.Equal(16, barcodes.Distinct().Count());
    }

    [Fact]
    public void The_range_makes_the_barcodes_it_holds()
    {
        var range = Issue("B7", 41, 3);

        Assert.Equal([BarcodeRange.Format("B7", 42), BarcodeRange.Format("B7", 43), BarcodeRange.Format("B7", 44)], range.Range.Select(b => b.Value));
    }

    [Fact]
    public void A_range_that_would_run_past_the_last_sequence_number_is_refused()
    {
        var last = Issue("T26", BarcodeRange.MaxSequence - 10, 10);
        Assert.Equal(BarcodeRange.MaxSequence, last.Last);

        var over = Assert.Throws<DomainException>(() => Issue("T26", BarcodeRange.MaxSequence - 10, 11));
        var none = Assert.Throws<DomainException>(() => Issue("T26", BarcodeRange.MaxSequence, 1));

        Assert.Equal("barcode-sequence-exhausted", over.Code);
        Assert.Contains("10 sequence numbers left", over.Message, StringComparison.Ordinal);
        Assert.Equal("barcode-sequence-exhausted", none.Code);
    }

    [Theory]
    [InlineData("", "invalid-barcode-prefix")]
    [InlineData("t26", "invalid-barcode-prefix")]
    [InlineData("9T", "invalid-barcode-prefix")]
    [InlineData("TOOLONGPX", "invalid-barcode-prefix")]
    public void A_bad_prefix_is_refused(string prefix, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => Issue(prefix, null, 1)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(BarcodeRange.MaxCount + 1)]
    public void A_count_outside_1_to_100000_is_refused(int count)
    {
        Assert.Equal("invalid-barcode-count", Assert.Throws<DomainException>(() => Issue("T26", null, count)).Code);
    }

    [Fact]
    public void The_largest_range_is_100000_barcodes()
    {
        var range = Issue("T26", null, BarcodeRange.MaxCount);

        Assert.Equal(100_000L, range.Last);
        Assert.Equal(BarcodeRange.MaxCount, range.Range.Count);
    }

    [Fact]
    public void The_purpose_is_trimmed_and_limited_and_the_key_checked()
    {
        Assert.Equal("site 7", Issue("T26", null, 1, purpose: "  site 7 ").Purpose);
        Assert.Null(Issue("T26", null, 1, purpose: "   ").Purpose);
        Assert.Equal("invalid-purpose", Assert.Throws<DomainException>(() => Issue("T26", null, 1, purpose: new string('p', 201))).Code);
        Assert.Equal("invalid-idempotency-key", Assert.Throws<DomainException>(() => Issue("T26", null, 1, key: " ")).Code);
        Assert.Equal("invalid-idempotency-key", Assert.Throws<DomainException>(() => Issue("T26", null, 1, key: new string('k', 129))).Code);
    }

    [Fact]
    public void A_retry_is_the_same_request_only_with_the_same_prefix_count_kind_and_purpose()
    {
        var range = Issue("T26", null, 10, purpose: "site 7", key: "k-1");

        Assert.True(range.IsSameRequest("T26", 10, LabelKind.Tube, "site 7"));
        Assert.True(range.IsSameRequest("T26", 10, LabelKind.Tube, " site 7 "));
        Assert.False(range.IsSameRequest("T27", 10, LabelKind.Tube, "site 7"));
        Assert.False(range.IsSameRequest("T26", 11, LabelKind.Tube, "site 7"));
        Assert.False(range.IsSameRequest("T26", 10, LabelKind.Box, "site 7"));
        Assert.False(range.IsSameRequest("T26", 10, LabelKind.Tube, null));
    }
}

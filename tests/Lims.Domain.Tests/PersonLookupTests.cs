using Lims.Domain.Results;

namespace Lims.Domain.Tests;

public sealed class PersonLookupTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Zhang = [.. Enumerable.Repeat((byte)1, 32)];
    private static readonly byte[] Other = [.. Enumerable.Repeat((byte)2, 32)];

    private static void Add(PersonLookup lookup, long cursor, byte[] name, PersonOutcome outcome = PersonOutcome.Negative) =>
        lookup.Add("1101**********002X", name, "Z********", cursor, outcome, $"TB{cursor:D8}", true, "Site 7", At, At.AddMinutes(cursor));

    [Theory]
    [InlineData("Zhang San", "zhang san")]
    [InlineData("  ZHANG \t  SAN  ", "zhang san")]
    [InlineData("ＺＨＡＮＧ　ｓａｎ", "zhang san")]
    [InlineData("张三", "张三")]
    [InlineData(" 张　三 ", "张 三")]
    [InlineData("ÉLODIE Ñúñez", "élodie ñúñez")]
    [InlineData("", "")]
    public void Names_compare_without_case_spacing_or_full_width_forms(string name, string normalized)
    {
        Assert.Equal(normalized, LookupName.Normalize(name));
    }

    [Fact]
    public void The_latest_ten_results_are_kept_newest_first_and_a_release_added_twice_counts_once()
    {
        var lookup = new PersonLookup("1101**********002X", [], []);
        foreach (var cursor in new long[] { 5, 1, 12, 3, 4, 2, 6, 7, 8, 9, 10, 11 }) Add(lookup, cursor, Zhang);
        Add(lookup, 12, Zhang, PersonOutcome.Positive);

        Assert.Equal([12, 11, 10, 9, 8, 7, 6, 5, 4, 3], lookup.Results.Select(r => r.Cursor));
        Assert.Equal(PersonOutcome.Negative, lookup.Results[0].Outcome);
        Assert.Equal(12, lookup.LastCursor);
        Assert.Equal("TB******12", lookup.Results[0].Tube);
    }

    [Fact]
    public void Only_the_results_registered_under_the_given_name_are_shown_and_a_name_without_results_is_forgotten()
    {
        var lookup = new PersonLookup("1101**********002X", [], []);
        Add(lookup, 1, Other);
        Add(lookup, 2, Zhang, PersonOutcome.RecallRequired);
        Add(lookup, 3, Zhang, PersonOutcome.Positive);

        var zhang = lookup.For(Zhang);
        Assert.NotNull(zhang);
        Assert.Equal([3L, 2L], zhang.Value.Results.Select(r => r.Cursor));
        Assert.Equal([1L], lookup.For(Other)!.Value.Results.Select(r => r.Cursor));
        Assert.Null(lookup.For(new byte[32]));

        for (var cursor = 4; cursor <= 13; cursor++) Add(lookup, cursor, Zhang);
        Assert.Null(lookup.For(Other));
        Assert.Single(lookup.Names);
        Assert.All(lookup.Results, r => Assert.Equal(0, r.Name));
    }

    [Theory]
    [InlineData("TB00000001", "TB******01")]
    [InlineData("RC0000000123", "RC0******123")]
    [InlineData("TB0000000000000017", "TB00**********0017")]
    [InlineData("ABCD", "A**D")]
    public void Tube_barcodes_show_only_their_first_and_last_quarter(string barcode, string masked)
    {
        Assert.Equal(masked, PersonLookup.MaskBarcode(barcode));
    }
}

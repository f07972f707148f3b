using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Pools.Recall;

public sealed class RecallPassTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Deadline = TimeSpan.FromHours(12);

    [Fact]
    public void People_are_numbered_across_the_pools_in_order_and_take_the_ranges_back_to_back()
    {
        var pools = new[] { Pool(3), Pool(4), Pool(2) };
        var orders = new[] { BarcodeRange.Create("RC", 1, 5), BarcodeRange.Create("RC", 100, 4) };

        var pass = RecallPass.Plan(pools, orders, At, Deadline);

        Assert.Equal([0, 3, 7], pass.Pools.Select(p => p.FirstOrder));
        Assert.Equal([0, 5], pass.OrderStarts);
        Assert.Equal((At.UtcDateTime, At.UtcDateTime.AddHours(12)), (pass.OpenedAt.UtcDateTime, pass.DueAt.UtcDateTime));
        Assert.Equal(TimeSpan.Zero, pass.OpenedAt.Offset);
        Assert.Equal([1, 2, 3, 4, 5, 100, 101, 102, 103], Enumerable.Range(0, 9).Select(i => Sequence(pass.OrderBarcode(i))));
        Assert.Throws<ArgumentOutOfRangeException>(() => pass.OrderBarcode(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => pass.OrderBarcode(-1));

        // The second pool straddles the two ranges: its people get 4, 5, 100, 101 in position order, whatever order they come in.
        var second = pass.Pools[1];
        var recall = pass.Open(second, [.. new[] { 4, 2, 3, 1 }.Select(Person)]);
        Assert.Equal([1, 2, 3, 4], recall.Members.Select(m => m.Position));
        Assert.Equal([4, 5, 100, 101], recall.Members.Select(m => Sequence(m.OrderBarcode)));
        Assert.Equal(["RC0000000044", "RC0000000053", "RC0000001004", "RC0000001012"], recall.Members.Select(m => m.OrderBarcode.Value));
        Assert.Equal((second.Case, second.Tube, second.Barcode, second.Submitter, second.Site), (recall.Id, recall.PoolTubeId, recall.PoolBarcode, recall.SubmitterId, recall.Site));
        Assert.Equal((pass.OpenedAt, pass.DueAt, RecallStatus.Open, 0), (recall.OpenedAt, recall.DueAt, recall.Status, recall.Version));

        // The same case as opening the pool alone with its slice of the barcodes.
        var alone = RecallCase.Open(second.Case, new PositivePool(second.Tube, second.Barcode, second.Submitter, second.Site, [.. Enumerable.Range(1, 4).Select(Person)]),
            [orders[0][3], orders[0][4], orders[1][0], orders[1][1]], At, Deadline);
        Assert.Equal(alone.Members, recall.Members, (a, b) => a.Position == b.Position && a.OrderBarcode == b.OrderBarcode && a.PersonMasked == b.PersonMasked && a.PersonLookupHash.SequenceEqual(b.PersonLookupHash));
        Assert.Equal((alone.OpenedAt, alone.DueAt), (recall.OpenedAt, recall.DueAt));
    }

    [Fact]
    public void Case_ids_are_new_and_ascend_in_the_order_of_the_pools()
    {
        var pass = RecallPass.Plan([.. Enumerable.Range(0, 500).Select(_ => Pool(1))], [BarcodeRange.Create("RC", 1, 500)], At, Deadline);

        var ids = pass.Pools.Select(p => p.Case.Value).ToList();
        Assert.Equal(500, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        // In the byte order the databases compare uuids in, too.
        Assert.Equal(ids.OrderBy(g => Convert.ToHexString(g.ToByteArray(bigEndian: true)), StringComparer.Ordinal), ids);
        // Version 7 (RFC 9562): this millisecond first.
        Assert.All(ids, g => Assert.Equal((7, 0x80), (g.Version, g.ToByteArray(bigEndian: true)[8] & 0xC0)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.All(ids, g => Assert.InRange(Convert.ToInt64(Convert.ToHexString(g.ToByteArray(bigEndian: true))[..12], 16), now - 60_000, now));
    }

    [Fact]
    public void A_pool_binds_only_as_many_people_as_it_was_planned_with()
    {
        var pass = RecallPass.Plan([Pool(2), Pool(1)], [BarcodeRange.Create("RC", 7, 3)], At, Deadline);

        var recall = pass.Open(pass.Pools[0], [Person(1), Person(2), Person(3)]);

        Assert.Equal([(1, 7L), (2, 8L)], recall.Members.Select(m => (m.Position, Sequence(m.OrderBarcode))));
    }

    [Fact]
    public void A_pass_needs_pools_with_people_once_each_enough_barcodes_of_one_prefix_and_a_deadline()
    {
        var range = BarcodeRange.Create("RC", 1, 10);
        var pool = Pool(3);

        Assert.Throws<ArgumentException>(() => RecallPass.Plan([], [range], At, Deadline));
        Assert.Throws<ArgumentException>(() => RecallPass.Plan([Pool(0)], [range], At, Deadline));
        Assert.Throws<ArgumentException>(() => RecallPass.Plan([pool, pool], [range], At, Deadline));
        Assert.Throws<ArgumentException>(() => RecallPass.Plan([Pool(6), Pool(5)], [range], At, Deadline));
        Assert.Throws<ArgumentException>(() => RecallPass.Plan([pool], [], At, Deadline));
        Assert.Throws<ArgumentException>(() => RecallPass.Plan([pool], [BarcodeRange.Create("RC", 1, 2), BarcodeRange.Create("RD", 1, 2)], At, Deadline));
        Assert.Equal("invalid-recall-deadline", Assert.Throws<DomainException>(() => RecallPass.Plan([pool], [range], At, TimeSpan.Zero)).Code);
        Assert.Equal(10, RecallPass.Plan([Pool(6), Pool(4)], [range], At, Deadline).Pools.Sum(p => p.Members));
    }

    [Fact]
    public void Dammnext_walks_the_check_digit_of_a_payload()
    {
        foreach (var payload in new[] { "572", "RC000000001", "ZA12345678901234" })
        {
            var interim = 0;
            foreach (var c in payload)
            {
                if (char.IsAsciiDigit(c)) interim = BarcodeRange.DammNext(interim, c - '0');
                else interim = BarcodeRange.DammNext(BarcodeRange.DammNext(interim, (c - 'A' + 10) / 10), (c - 'A' + 10) % 10);
            }
            Assert.Equal(BarcodeRange.CheckDigit(payload), (char)('0' + interim));
        }
        Assert.Equal('4', BarcodeRange.CheckDigit("572"));
    }

    private static PositivePoolHeader Pool(int members) =>
        new(new TubeId(Guid.NewGuid()), Barcode.Create("T" + Guid.NewGuid().ToString("N")[..12]), new SubmitterId(Guid.NewGuid()), "Collection site 7", members);

    private static PoolMember Person(int position) => new(position, $"1101**********{position:D3}X", [(byte)position, 1, 2, 3]);

    private static long Sequence(Barcode barcode) =>
        BarcodeRange.TryParse(barcode.Value, out _, out var sequence, out var error) ? sequence : throw new InvalidOperationException(error);
}

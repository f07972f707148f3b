using Lims.Application.Features.Labels;
using Lims.Domain.Labels;

namespace Lims.Application.Tests.Labels;

/// <summary>Ranges of new barcodes issued from the database: a prefix's ranges follow one another, never overlap, and a key replays its range.</summary>
public abstract class BarcodeRangeTests(LimsApp app)
{
    private static string NewPrefix() => "R" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private Task<IssuedBarcodeRange> IssueAsync(string prefix, int count, string? kind = null, string? purpose = null, string? key = null) =>
        app.SendAsync(new IssueBarcodeRange(prefix, count, kind, purpose, key, AppFlow.Bench));

    private Task<int> RangesAsync(string prefix) => app.WithDbAsync(db => db.BarcodeAllocations.CountAsync(a => a.Prefix == prefix));

    [Fact]
    public async Task Ranges_of_a_prefix_follow_one_another_from_one_and_each_prefix_counts_on_its_own()
    {
        var (prefix, other) = (NewPrefix(), NewPrefix());

        var first = (await IssueAsync(prefix, 100, purpose: "  Collection site 7 ")).Range;
        var second = (await IssueAsync(prefix, 1)).Range;
        var elsewhere = (await IssueAsync(other, 5, "box")).Range;
        var third = (await IssueAsync(prefix, 50)).Range;

        Assert.Equal((prefix, "tube", 1, 100, 100), (first.Prefix, first.Kind, first.First, first.Last, first.Count));
        Assert.Equal((BarcodeRange.Format(prefix, 1), BarcodeRange.Format(prefix, 100)), (first.FirstBarcode, first.LastBarcode));
        Assert.Equal((app.Clock.Now, AppFlow.Bench, "Collection site 7"), (first.IssuedAt, first.IssuedBy, first.Purpose));
        Assert.Equal((101, 101), (second.First, second.Last));
        Assert.Equal((102, 151), (third.First, third.Last));
        Assert.Equal((1, 5, "box"), (elsewhere.First, elsewhere.Last, elsewhere.Kind));
        Assert.Equal(first, await app.SendAsync(new GetBarcodeRange(first.Id)));
    }

    [Fact]
    public async Task Ranges_issued_at_the_same_time_for_one_prefix_tile_its_numbers_without_a_gap_or_an_overlap()
    {
        var prefix = NewPrefix();
        var counts = Enumerable.Range(0, 16).Select(i => 1 + i * 7 % 40).ToArray();

        // Each on a task of its own, each send in a scope (and a transaction) of its own.
        var issued = await Task.WhenAll(counts.Select(count => Task.Run(() => IssueAsync(prefix, count))));

        var ranges = issued.Select(i => i.Range).ToList();
        Assert.Equal(counts, ranges.Select(r => r.Count));
        Assert.All(ranges, r => Assert.Equal(r.Count, r.Last - r.First + 1));
        var sorted = ranges.OrderBy(r => r.First).ToList();
        Assert.Equal(1, sorted[0].First);
        for (var i = 1; i < sorted.Count; i++) Assert.Equal(sorted[i - 1].Last + 1, sorted[i].First);
        Assert.Equal(counts.Sum(), sorted[^1].Last);
        Assert.Equal(counts.Length, await RangesAsync(prefix));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_request_replay_the_range_and_another_request_with_it_is_a_conflict()
    {
        var prefix = NewPrefix();
        var key = "labels-" + Guid.NewGuid();
        // A time finer than the database keeps: the answer given now must be the one replayed later.
        var first = await app.AtAsync(app.Clock.Now.AddTicks(1_234_567), () => IssueAsync(prefix, 20, "tube", "site 7", key));

        var retry = await IssueAsync(prefix, 20, "tube", " site 7 ", key);
        var conflicts = new[]
        {
            await Assert.ThrowsAsync<ConflictException>(() => IssueAsync(prefix, 21, "tube", "site 7", key)),
            await Assert.ThrowsAsync<ConflictException>(() => IssueAsync(prefix, 20, "box", "site 7", key)),
            await Assert.ThrowsAsync<ConflictException>(() => IssueAsync(prefix, 20, "tube", "site 8", key)),
            await Assert.ThrowsAsync<ConflictException>(() => IssueAsync(NewPrefix(), 20, "tube", "site 7", key)),
        };
        var next = await IssueAsync(prefix, 1);

        Assert.Equal((false, true), (first.Replayed, retry.Replayed));
        Assert.Equal(first.Range, retry.Range);
        Assert.Equal(first.Range, await app.SendAsync(new GetBarcodeRange(first.Range.Id)));
        Assert.All(conflicts, e => Assert.Equal("idempotency-key-reused", e.Code));
        Assert.Equal(21, next.Range.First);
        Assert.Equal(2, await RangesAsync(prefix));
    }

    [Fact]
    public async Task Retries_with_one_idempotency_key_sent_at_the_same_time_issue_one_range()
    {
        var prefix = NewPrefix();
        var key = Guid.NewGuid().ToString();

        var issued = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => IssueAsync(prefix, 10, key: key))));

        Assert.Single(issued.Select(i => i.Range.Id).Distinct());
        Assert.Single(issued, i => !i.Replayed);
        Assert.Equal(1, await RangesAsync(prefix));
    }

    [Fact]
    public async Task A_bad_prefix_count_kind_or_key_is_refused_naming_each_field_and_issues_nothing()
    {
        var before = await app.WithDbAsync(db => db.BarcodeAllocations.CountAsync());

        var cases = new (IssueBarcodeRange Command, string[] Fields)[]
        {
            (new("t-26", 10, null, null, null, AppFlow.Bench), ["prefix"]),
            (new(null, 10, null, null, null, AppFlow.Bench), ["prefix"]),
            (new("ABCDEFGHI", 10, null, null, null, AppFlow.Bench), ["prefix"]),
            (new("T26", 0, null, null, null, AppFlow.Bench), ["count"]),
            (new("T26", 100_001, null, null, null, AppFlow.Bench), ["count"]),
            (new("26", -1, "flask", null, null, AppFlow.Bench), ["count", "kind", "prefix"]),
            (new("T26", 1, null, null, " ", AppFlow.Bench), ["Idempotency-Key"]),
            (new("T26", 1, null, new string('p', 201), null, AppFlow.Bench), ["purpose"]),
        };
        foreach (var (command, fields) in cases)
        {
            var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command));
            Assert.Equal(fields, refused.Errors.Keys.Order(StringComparer.Ordinal));
        }

        Assert.Contains("t-26", (await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(cases[0].Command))).Errors["prefix"][0], StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.BarcodeAllocations.CountAsync()));
    }

    [Fact]
    public async Task A_prefix_with_too_few_numbers_left_is_a_conflict_and_its_last_numbers_can_still_be_issued()
    {
        var prefix = NewPrefix();
        await app.WithDbAsync(db =>
        {
            db.BarcodeAllocations.Add(BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, BarcodeRange.MaxSequence - 10, 5, LabelKind.Tube, app.Clock.Now, "test"));
            return db.SaveChangesAsync();
        });

        var tooMany = await Assert.ThrowsAsync<DomainException>(() => IssueAsync(prefix, 6));
        var lastOnes = await IssueAsync(prefix, 5);

        Assert.Equal("barcode-sequence-exhausted", tooMany.Code);
        Assert.Equal((BarcodeRange.MaxSequence - 4, BarcodeRange.MaxSequence), (lastOnes.Range.First, lastOnes.Range.Last));
    }

    [Fact]
    public async Task A_range_that_was_never_issued_is_not_found()
    {
        var id = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBarcodeRange(id)));

        Assert.Equal($"There is no barcode range {id}.", refused.Message);
    }

    [Fact]
    public async Task A_range_issued_to_a_submitter_is_that_submitters_to_fetch_and_nobody_elses()
    {
        var owner = await app.SubmitterAsync();
        var stranger = await app.SubmitterAsync();
        var code = await app.WithDbAsync(db => db.Submitters.Where(s => s.Id == owner).Select(s => s.Code).SingleAsync());
        var prefix = NewPrefix();
        var key = "for-" + Guid.NewGuid();

        var issued = (await app.SendAsync(new IssueBarcodeRange(prefix, 4, null, "site 7", key, AppFlow.Bench, code))).Range;
        var replayed = await app.SendAsync(new IssueBarcodeRange(prefix, 4, null, "site 7", key, AppFlow.Bench, code));
        var forAnother = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new IssueBarcodeRange(prefix, 4, null, "site 7", key, AppFlow.Bench)));
        var labs = (await IssueAsync(prefix, 1)).Range;

        Assert.Equal(code, issued.Submitter);
        Assert.Equal((true, issued), (replayed.Replayed, replayed.Range));
        Assert.Equal("idempotency-key-reused", forAnother.Code);
        Assert.Null(labs.Submitter);
        Assert.Equal(issued, await app.SendAsync(new GetBarcodeRange(issued.Id, owner)));
        var job = await app.SendAsync(new GetBarcodeRangeLabels(issued.Id, "zpl", 300, owner));
        Assert.Equal((4, 300, issued.FirstBarcode), (job.Barcodes.Count, job.Dpi, job.Barcodes[0].Value));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBarcodeRange(issued.Id, stranger)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBarcodeRangeLabels(issued.Id, "zpl", null, stranger)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBarcodeRange(labs.Id, owner)));
        // The lab sees every range.
        Assert.Equal(issued, await app.SendAsync(new GetBarcodeRange(issued.Id)));
    }

    [Fact]
    public async Task A_range_for_an_unknown_submitter_or_labels_for_a_dpi_no_printer_has_are_refused_on_the_field()
    {
        var prefix = NewPrefix();
        var range = (await IssueAsync(prefix, 1)).Range;

        var unknown = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new IssueBarcodeRange(prefix, 2, null, null, null, AppFlow.Bench, "no-such")));
        var blank = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new IssueBarcodeRange(prefix, 2, null, null, null, AppFlow.Bench, " ")));
        var dpi = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new GetBarcodeRangeLabels(range.Id, "zpl", 250)));
        var posted = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new PrepareLabels("tube", "zpl", ["T26000000017"], 72)));

        Assert.Equal(["There is no submitter 'no-such'."], unknown.Errors["submitter"]);
        Assert.Equal(["submitter"], blank.Errors.Keys);
        Assert.Equal(["Zebra printers print at 152, 203, 300 or 600 dpi, not 250."], dpi.Errors["dpi"]);
        Assert.Equal(["dpi"], posted.Errors.Keys);
        Assert.Equal(1, await RangesAsync(prefix));
    }
}

public sealed class SqliteBarcodeRangeTests(SqliteApp fixture) : BarcodeRangeTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlBarcodeRangeTests(PostgreSqlApp fixture) : BarcodeRangeTests(fixture.App), IClassFixture<PostgreSqlApp>;

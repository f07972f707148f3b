using System.Globalization;
using Lims.Application.Features.Audit;
using Lims.Application.Features.Reviews;
using Lims.Domain.Audit;

namespace Lims.Application.Tests.Audit;

/// <summary>The audit trail as the use cases write and check it: ids as stored, the chain head and its verification against a recorded head.</summary>
public abstract class AuditTrailTests(LimsApp app)
{
    [Fact]
    public async Task A_reviews_events_name_its_signatures_by_the_ids_stored_in_the_same_transaction()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.RunAsync(tubes, RunFiles.Positive, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");
        var head = await app.SendAsync(new GetAuditHead());

        await app.SendAsync(new OverrideCall(plate, tubes[0], "negative", "flat curves: not amplification", reviewer.Name, reviewer.Password));
        await app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password));

        var events = (await app.SendAsync(new ListAuditEvents(head.Seq, "plate-review", plate))).Events;
        var named = events.Select(e => Assert.Single(e.After!.Value.GetProperty("signatures").EnumerateObject()).Name).ToList();
        var stored = await app.WithDbAsync(db => db.Database.SqlQuery<long>(
            $"SELECT s.id AS \"Value\" FROM review_signatures s JOIN plate_reviews r ON r.id = s.review_id WHERE r.plate_barcode = {plate} ORDER BY s.sequence").ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.Select(id => id.ToString(CultureInfo.InvariantCulture)), named);
        Assert.True((await app.SendAsync(new VerifyAuditChain())).Intact);
    }

    [Fact]
    public async Task The_head_is_the_last_event_and_verifies_while_the_chain_keeps_it_and_grows()
    {
        await app.SubmitterAsync();
        var head = await app.SendAsync(new GetAuditHead());
        var last = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).FirstAsync());
        Assert.Equal((last.Seq, last.Hash), (head.Seq, head.Hash));

        await app.SubmitterAsync();
        var verified = await app.SendAsync(new VerifyAuditChain(head.ToString()));

        Assert.True(verified.Intact, verified.Break?.Describe());
        Assert.True(verified.Events > head.Seq);
        Assert.True((await app.SendAsync(new VerifyAuditChain(head.ToString().ToUpperInvariant()))).Intact);
    }

    [Fact]
    public async Task A_head_the_chain_does_not_reach_or_holds_with_another_hash_breaks_it()
    {
        await app.SubmitterAsync();
        var head = await app.SendAsync(new GetAuditHead());

        var beyond = await app.SendAsync(new VerifyAuditChain(new AuditHead(head.Seq + 3, head.Hash).ToString()));
        var other = await app.SendAsync(new VerifyAuditChain(new AuditHead(head.Seq, new string('a', 64)).ToString()));

        Assert.Equal((head.Seq + 3, AuditBreakKind.RecordedHeadMismatch), (beyond.Break!.Seq, beyond.Break.Kind));
        Assert.Contains($"it ends at seq {head.Seq}, events were cut off the end", beyond.Break.Describe(), StringComparison.Ordinal);
        Assert.Equal((head.Seq, AuditBreakKind.RecordedHeadMismatch), (other.Break!.Seq, other.Break.Kind));
        Assert.Equal(head.Seq - 1, other.Events);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12:abc")]
    [InlineData("x:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task A_head_not_written_seq_colon_hash_is_refused_naming_the_field(string head)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new VerifyAuditChain(head)));

        Assert.Equal(["head"], refused.Errors.Keys);
        Assert.StartsWith("Give the head as SEQ:HASH", Assert.Single(refused.Errors["head"]), StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditTrailTests(SqliteApp fixture) : AuditTrailTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlAuditTrailTests(PostgreSqlApp fixture) : AuditTrailTests(fixture.App), IClassFixture<PostgreSqlApp>;

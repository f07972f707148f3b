using System.Text;
using Lims.Domain.Audit;

namespace Lims.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 16, 0, 0, 123, TimeSpan.FromHours(8));

    [Fact]
    public void The_hash_is_sha256_of_the_documented_netstring_text()
    {
        // Computed outside .NET (Python hashlib) from the format in AuditChain's summary.
        var canonical = AuditChain.Canonical(1, AuditChain.GenesisHash, At, "user:alice", "login", "user", "alice", null, """{"method":"pw"}""", "拒收\n-\n");

        Assert.Equal(
            "lims-audit-v1\n1:1\n64:" + new string('0', 64) + "\n24:2026-11-23T08:00:00.123Z\n10:user:alice\n5:login\n4:user\n5:alice\n-\n15:{\"method\":\"pw\"}\n9:拒收\n-\n\n",
            Encoding.UTF8.GetString(canonical));
        Assert.Equal("fc33f3a0ce3e402526cbb8bcc7309e17984af5f6bc7b59568704c58d039bcd91",
            AuditChain.Hash(1, AuditChain.GenesisHash, At, "user:alice", "login", "user", "alice", null, """{"method":"pw"}""", "拒收\n-\n"));
    }

    [Fact]
    public void No_value_can_pass_for_another_one()
    {
        string Hash(string actor, string action, string? before, string? after) =>
            AuditChain.Hash(1, AuditChain.GenesisHash, At, actor, action, "tube", "T1", before, after, null);

        Assert.NotEqual(Hash("a\n5:b", "c", null, null), Hash("a", "b\n1:c", null, null));
        Assert.NotEqual(Hash("a", "b", null, "{}"), Hash("a", "b", "{}", null));
        Assert.NotEqual(Hash("a", "b", "", null), Hash("a", "b", null, null));
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_in_utc()
    {
        var e = AuditEvent.Link(Record(), 1, AuditChain.GenesisHash, At.AddTicks(4_567));

        Assert.Equal(TimeSpan.Zero, e.At.Offset);
        Assert.Equal(At.ToUnixTimeMilliseconds(), e.At.ToUnixTimeMilliseconds());
        Assert.Equal(0, e.At.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void An_intact_chain_verifies_and_ends_at_its_head()
    {
        var chain = Chain(5);
        var verifier = new AuditChainVerifier();

        Assert.All(chain, e => Assert.Null(verifier.Next(e)));
        Assert.Null(verifier.Finish(5, chain[^1].Hash));
        Assert.Equal((5, chain[^1].Hash), (verifier.Count, verifier.LastHash));
    }

    [Fact]
    public void An_edited_event_is_a_hash_mismatch_at_its_seq()
    {
        var chain = Chain(5);
        chain[2] = Rebuild(chain[2], reason: "nothing happened", rehash: false);

        Assert.Equal((3L, AuditBreakKind.HashMismatch), Walk(chain));
    }

    [Fact]
    public void An_edited_and_rehashed_event_breaks_the_next_link()
    {
        var chain = Chain(5);
        chain[2] = Rebuild(chain[2], reason: "nothing happened", rehash: true);

        Assert.Equal((4L, AuditBreakKind.PreviousHashMismatch), Walk(chain));
    }

    [Fact]
    public void A_deleted_event_is_a_gap_named_by_the_missing_seq()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        Assert.Equal((2L, AuditBreakKind.Gap), Walk(chain));
    }

    [Fact]
    public void Events_removed_from_the_end_leave_the_head_ahead()
    {
        var chain = Chain(5);
        var verifier = new AuditChainVerifier();
        foreach (var e in chain.Take(3)) Assert.Null(verifier.Next(e));

        var broken = verifier.Finish(5, chain[^1].Hash);

        Assert.Equal((5L, AuditBreakKind.HeadMismatch), (broken!.Seq, broken.Kind));
        Assert.StartsWith("audit chain broken at seq 5: head mismatch (", broken.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_head_still_in_the_chain_passes_with_events_appended_after_it()
    {
        var chain = Chain(5);
        var verifier = new AuditChainVerifier(new AuditHead(3, chain[2].Hash));

        Assert.All(chain, e => Assert.Null(verifier.Next(e)));
        Assert.Null(verifier.Finish(5, chain[^1].Hash));
        Assert.Null(Verify(chain, AuditHead.Genesis));
    }

    [Fact]
    public void A_recorded_head_cut_off_the_end_with_the_chain_head_moved_back_is_a_recorded_head_mismatch()
    {
        var chain = Chain(5);
        var kept = new AuditHead(5, chain[^1].Hash);

        // The chain alone is consistent: three events and a head that names the third.
        Assert.Null(Verify(chain[..3], null));
        var broken = Verify(chain[..3], kept)!;

        Assert.Equal((5L, AuditBreakKind.RecordedHeadMismatch), (broken.Seq, broken.Kind));
        Assert.StartsWith("audit chain broken at seq 5: recorded head mismatch (", broken.Describe(), StringComparison.Ordinal);
        Assert.Contains("it ends at seq 3, events were cut off the end", broken.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_rewritten_up_to_the_recorded_head_is_a_recorded_head_mismatch_at_its_seq()
    {
        var chain = Chain(5);
        var forged = Chain(5, reason: "rewritten");

        var broken = Verify(forged, new AuditHead(4, chain[3].Hash))!;

        Assert.Equal((4L, AuditBreakKind.RecordedHeadMismatch), (broken.Seq, broken.Kind));
        Assert.Equal(AuditBreakKind.RecordedHeadMismatch, Verify(chain, new AuditHead(0, chain[0].Hash))!.Kind);
    }

    [Theory]
    [InlineData("12:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("0:0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("12 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("12:0123456789abcdef", false)]
    [InlineData("-1:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("99999999999999999999:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("12:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", false)]
    [InlineData(":0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("", false)]
    public void A_head_is_written_seq_colon_hash(string text, bool valid)
    {
        Assert.Equal(valid, AuditHead.TryParse(text, out var head));
        if (valid) Assert.Equal(text.ToLowerInvariant(), head.ToString());
    }

    [Fact]
    public void A_record_needs_who_what_and_which()
    {
        Assert.Throws<ArgumentException>(() => new AuditRecord(" ", "login", "user", "alice", null, null, null));
        Assert.Throws<ArgumentException>(() => new AuditRecord("user:alice", "", "user", "alice", null, null, null));
        Assert.Throws<ArgumentException>(() => new AuditRecord("user:alice", "login", "user", new string('x', 201), null, null, null));
        Assert.Equal(AuditRecord.MaxReasonLength, new AuditRecord("a", "b", "c", "d", null, null, new string('r', 5000)).Reason!.Length);
        Assert.Null(new AuditRecord("a", "b", "c", "d", null, null, "  ").Reason);
    }

    private static AuditChainBreak? Verify(List<AuditEvent> chain, AuditHead? recorded)
    {
        var verifier = new AuditChainVerifier(recorded);
        foreach (var e in chain)
            if (verifier.Next(e) is { } broken) return broken;
        return verifier.Finish(verifier.LastSeq, verifier.LastHash);
    }

    private static (long, AuditBreakKind) Walk(List<AuditEvent> chain)
    {
        var verifier = new AuditChainVerifier();
        foreach (var e in chain)
            if (verifier.Next(e) is { } broken) return (broken.Seq, broken.Kind);
        throw new Xunit.Sdk.XunitException("The chain verified.");
    }

    private static AuditRecord Record(string? reason = null) =>
        new("station:bench-1", "changed", "tube", "T00000001", """{"status":"Shipped"}""", """{"status":"Received"}""", reason);

    private static List<AuditEvent> Chain(int count, string reason = "scan")
    {
        var chain = new List<AuditEvent>();
        var previous = AuditChain.GenesisHash;
        for (var seq = 1; seq <= count; seq++)
        {
            var e = AuditEvent.Link(Record(reason + " " + seq), seq, previous, At.AddSeconds(seq));
            chain.Add(e);
            previous = e.Hash;
        }
        return chain;
    }

    /// <summary>The event with another reason, as someone editing the row would leave it (re-hashed or not).</summary>
    private static AuditEvent Rebuild(AuditEvent e, string reason, bool rehash)
    {
        var forged = AuditEvent.Link(new AuditRecord(e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, reason), e.Seq, e.PrevHash, e.At);
        if (rehash) return forged;
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.Hash))!.SetValue(forged, e.Hash);
        return forged;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lims.Domain.Audit;

/// <summary>
/// The hash chain of the audit trail. An event's hash is the lowercase hex SHA-256 of this UTF-8 text:
/// <code>
/// lims-audit-v1\n
/// field(seq) field(prev_hash) field(at) field(actor) field(action) field(entity_type) field(entity_id) field(before) field(after) field(reason)
/// </code>
/// where <c>field(v)</c> is <c>-\n</c> for a null value and otherwise the length of v in UTF-8 bytes (decimal), <c>:</c>,
/// v itself and <c>\n</c> (a netstring with a newline: no value can be taken for another, whatever it contains).
/// <c>seq</c> is written in decimal; <c>at</c> as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> in UTC (times are kept to the
/// millisecond, which every engine stores exactly); <c>before</c> and <c>after</c> are the JSON texts as stored. The
/// first event's <c>prev_hash</c> is 64 zeros.
/// </summary>
public static class AuditChain
{
    public const string Version = "lims-audit-v1";
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The time as the chain keeps it: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    public static string FormatTime(DateTimeOffset at) =>
        Normalize(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Hash(AuditEvent e) =>
        Hash(e.Seq, e.PrevHash, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Reason);

    public static string Hash(long seq, string prevHash, DateTimeOffset at, string actor, string action, string entityType, string entityId,
        string? before, string? after, string? reason) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(seq, prevHash, at, actor, action, entityType, entityId, before, after, reason)));

    /// <summary>The bytes that are hashed (see the type's summary).</summary>
    public static byte[] Canonical(long seq, string prevHash, DateTimeOffset at, string actor, string action, string entityType, string entityId,
        string? before, string? after, string? reason)
    {
        var text = new StringBuilder(256 + (before?.Length ?? 0) + (after?.Length ?? 0));
        text.Append(Version).Append('\n');
        foreach (var field in (ReadOnlySpan<string?>)[
            seq.ToString(CultureInfo.InvariantCulture), prevHash, FormatTime(at), actor, action, entityType, entityId, before, after, reason])
        {
            if (field is null)
                text.Append("-\n");
            else
                text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>What breaks the chain first.</summary>
public enum AuditBreakKind
{
    /// <summary>The event's content does not give its stored hash: it was edited.</summary>
    HashMismatch,
    /// <summary>The event does not carry the hash of the event before it: that one was edited and re-hashed, or events were swapped.</summary>
    PreviousHashMismatch,
    /// <summary>A sequence number is missing: an event was deleted.</summary>
    Gap,
    /// <summary>The chain head does not name the last event: events were deleted from the end (or the head was moved).</summary>
    HeadMismatch,
    /// <summary>A head recorded earlier is no longer in the chain: events were cut off the end (the head moved back with them), or the chain was rewritten.</summary>
    RecordedHeadMismatch,
}

/// <summary>
/// A link of the chain as noted somewhere else (<c>lims audit head</c>): its sequence number and hash, written
/// <c>SEQ:HASH</c> (decimal, 64 hex digits). A chain that still holds it unchanged has neither lost nor rewritten
/// anything up to it.
/// </summary>
public readonly record struct AuditHead(long Seq, string Hash)
{
    public const string Format = "SEQ:HASH (a sequence number, a colon and the 64 hex digits of its hash, as `lims audit head` prints it)";

    /// <summary>The head of an empty chain.</summary>
    public static AuditHead Genesis => new(0, AuditChain.GenesisHash);

    public static bool TryParse(string? text, out AuditHead head)
    {
        head = default;
        if (text is null) return false;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is <= 0 or > 19 || text.Length - colon - 1 != 64) return false;
        var seq = text.AsSpan(0, colon);
        var hash = text.AsSpan(colon + 1);
        foreach (var c in seq) if (c is < '0' or > '9') return false;
        foreach (var c in hash) if (!char.IsAsciiHexDigit(c)) return false;
        if (!long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        head = new AuditHead(number, hash.ToString().ToLowerInvariant());
        return true;
    }

    public override string ToString() => $"{Seq.ToString(CultureInfo.InvariantCulture)}:{Hash}";
}

/// <param name="Seq">The first event that fails (for a gap: the missing sequence number; for the head: the head's).</param>
public sealed record AuditChainBreak(long Seq, AuditBreakKind Kind, string Detail)
{
    public string Describe() => $"audit chain broken at seq {Seq}: {Kind switch
    {
        AuditBreakKind.HashMismatch => "hash mismatch",
        AuditBreakKind.PreviousHashMismatch => "previous-hash mismatch",
        AuditBreakKind.Gap => "gap",
        AuditBreakKind.HeadMismatch => "head mismatch",
        AuditBreakKind.RecordedHeadMismatch => "recorded head mismatch",
        _ => Kind.ToString(),
    }} ({Detail})";
}

/// <summary>
/// Walks the events in sequence order and stops at the first broken link; given a head recorded earlier, the chain must
/// still reach it with the same hash (events appended after it are fine).
/// </summary>
public sealed class AuditChainVerifier(AuditHead? recorded = null)
{
    public long Count { get; private set; }
    public long LastSeq { get; private set; }
    public string LastHash { get; private set; } = AuditChain.GenesisHash;

    /// <returns>The break this event shows, or null when it links on.</returns>
    public AuditChainBreak? Next(AuditEvent e)
    {
        if (e.Seq != LastSeq + 1)
            return e.Seq > LastSeq + 1
                ? new AuditChainBreak(LastSeq + 1, AuditBreakKind.Gap, e.Seq == LastSeq + 2
                    ? $"seq {LastSeq + 1} is missing: {LastSeq} is followed by {e.Seq}"
                    : $"seqs {LastSeq + 1}–{e.Seq - 1} are missing: {LastSeq} is followed by {e.Seq}")
                : new AuditChainBreak(e.Seq, AuditBreakKind.Gap, $"seq {e.Seq} comes after {LastSeq}");
        if (!string.Equals(e.PrevHash, LastHash, StringComparison.Ordinal))
            return new AuditChainBreak(e.Seq, AuditBreakKind.PreviousHashMismatch,
                $"it names {Short(e.PrevHash)} as the previous hash, the event before it hashes to {Short(LastHash)}");
        var computed = AuditChain.Hash(e);
        if (!string.Equals(e.Hash, computed, StringComparison.Ordinal))
            return new AuditChainBreak(e.Seq, AuditBreakKind.HashMismatch, $"stored {Short(e.Hash)}, its content hashes to {Short(computed)}");
        if (recorded is { } head && head.Seq == e.Seq && !string.Equals(head.Hash, e.Hash, StringComparison.Ordinal))
            return new AuditChainBreak(e.Seq, AuditBreakKind.RecordedHeadMismatch,
                $"the recorded head {head.Seq}:{Short(head.Hash)} is not in the chain: seq {e.Seq} hashes to {Short(e.Hash)}, the chain was rewritten up to it");
        Count++;
        LastSeq = e.Seq;
        LastHash = e.Hash;
        return null;
    }

    /// <summary>After the last event: the head must name it, and the chain must have reached the recorded head.</summary>
    public AuditChainBreak? Finish(long headSeq, string headHash) => FinishHead(headSeq, headHash) ?? FinishRecorded();

    private AuditChainBreak? FinishRecorded() => recorded switch
    {
        { Seq: 0 } head when !string.Equals(head.Hash, AuditChain.GenesisHash, StringComparison.Ordinal) =>
            new AuditChainBreak(0, AuditBreakKind.RecordedHeadMismatch, $"the recorded head 0:{Short(head.Hash)} is not in the chain: seq 0 is the empty chain, {Short(AuditChain.GenesisHash)}"),
        { } head when head.Seq > LastSeq =>
            new AuditChainBreak(head.Seq, AuditBreakKind.RecordedHeadMismatch,
                $"the recorded head {head.Seq}:{Short(head.Hash)} is not in the chain: it ends at seq {LastSeq}, events were cut off the end"),
        _ => null,
    };

    private AuditChainBreak? FinishHead(long headSeq, string headHash) =>
        headSeq != LastSeq
            ? new AuditChainBreak(headSeq, AuditBreakKind.HeadMismatch, headSeq > LastSeq
                ? $"the chain head is at seq {headSeq} but the last event is {LastSeq}: events were removed from the end"
                : $"the chain head is at seq {headSeq} but events go on to {LastSeq}")
            : !string.Equals(headHash, LastHash, StringComparison.Ordinal)
                ? new AuditChainBreak(headSeq, AuditBreakKind.HeadMismatch, $"the chain head holds {Short(headHash)}, the last event hashes to {Short(LastHash)}")
                : null;

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}

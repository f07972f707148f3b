using System.Text.Json;
using System.Text.Json.Serialization;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Lookup;

/// <summary>
/// One row of the public look-up's read model (<c>lookup_results</c>): a person, keyed by the keyed hash of their id (the
/// same as <c>tube_members.id_hash</c>), with their <see cref="PersonLookup"/> as a compact JSON payload, so that a look-up
/// is one primary-key read. Written only by a release, in the releasing transaction.
/// </summary>
public sealed class LookupRow
{
    private LookupRow() { }

    public LookupRow(byte[] personHash, string payload, long lastCursor, DateTimeOffset updatedAt)
    {
        PersonHash = personHash;
        Replace(payload, lastCursor, updatedAt);
    }

    public byte[] PersonHash { get; private set; } = [];
    /// <summary>The <see cref="PersonLookup"/> as <see cref="LookupPayload"/> writes it.</summary>
    public string Payload { get; private set; } = "";
    /// <summary>The release cursor of the person's latest result.</summary>
    public long LastCursor { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Replace(string payload, long lastCursor, DateTimeOffset updatedAt)
    {
        Payload = payload;
        LastCursor = lastCursor;
        UpdatedAt = updatedAt;
    }
}

/// <summary>
/// How a <see cref="PersonLookup"/> is stored: compact JSON, read on every look-up, so with short keys and times as Unix
/// milliseconds — <c>{"v":1,"id":masked id,"n":[{"h":name hash (base64),"m":masked name}],"r":[{"c":cursor,"n":name index,
/// "o":outcome (wire form),"t":masked tube,"p":pooled,"s":site,"ca":collected at,"ra":released at}]}</c>, newest result first.
/// Holds only what the look-up may show (masked id, masked names, masked tube barcodes) and the keyed name hashes.
/// </summary>
public static class LookupPayload
{
    private const int Version = 1;

    public static string Write(PersonLookup lookup) => JsonSerializer.Serialize(new StoredLookup(
        Version, lookup.MaskedId,
        [.. lookup.Names.Select(n => new StoredName(n.Hash, n.Masked))],
        [.. lookup.Results.Select(r => new StoredResult(r.Cursor, r.Name, r.Outcome.ToWire(), r.Tube, r.Pooled, r.Site,
            r.CollectedAt.ToUnixTimeMilliseconds(), r.ReleasedAt.ToUnixTimeMilliseconds()))]),
        LookupJson.Default.StoredLookup);

    public static PersonLookup Read(string payload)
    {
        var stored = JsonSerializer.Deserialize(payload, LookupJson.Default.StoredLookup)
            ?? throw new InvalidOperationException("An empty look-up payload.");
        if (stored.V != Version) throw new InvalidOperationException($"Look-up payload version {stored.V} is not known.");
        return new PersonLookup(stored.Id,
            stored.N.Select(n => new LookupNameHash(n.H, n.M)),
            stored.R.Select(r => new LookupResult(r.C, r.N, Wire.Parse<PersonOutcome>(r.O) ?? throw new InvalidOperationException($"Look-up outcome '{r.O}' is not known."), r.T, r.P, r.S,
                DateTimeOffset.FromUnixTimeMilliseconds(r.Ca), DateTimeOffset.FromUnixTimeMilliseconds(r.Ra))));
    }


}

internal sealed record StoredLookup(int V, string Id, List<StoredName> N, List<StoredResult> R);

internal sealed record StoredName(byte[] H, string M);

internal sealed record StoredResult(long C, int N, string O, string T, bool P, string S, long Ca, long Ra);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredLookup))]
internal sealed partial class LookupJson : JsonSerializerContext;

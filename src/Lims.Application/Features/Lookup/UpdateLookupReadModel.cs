using Lims.Application.Abstractions;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Lookup;

/// <summary>
/// Keeps the public look-up's read model up to date, in the release's save: each person's result of the released tubes
/// is added to their row (new or updated). Releases run one at a time (they hold the release-cursor row lock until they
/// commit), so the rows read here cannot change under this transaction.
/// </summary>
public sealed class UpdateLookupReadModel(ILimsDbContext db, ILookupHasher hasher) : IDomainEventHandler<ResultReleased>
{
    /// <summary>Rows read per query (SQL Server takes at most 2,100 parameters; EF pads lists of parameters).</summary>
    private const int Chunk = 500;

    public async Task HandleAsync(IReadOnlyList<ResultReleased> events, CancellationToken cancellationToken)
    {
        var tubes = await db.TubesByIdAsync(events.Select(e => e.Result.TubeId), cancellationToken);
        // Everyone in the released tubes, by person (one person may be in two tubes of a release).
        var people = new Dictionary<string, (byte[] Hash, List<(ReleasedTube Tube, PersonResult Person, string Name)> Results)>();
        foreach (var record in events.Select(e => e.Result))
        {
            var members = tubes[record.TubeId].Members;
            foreach (var person in record.People)
            {
                var key = Convert.ToHexString(person.PersonLookupHash);
                if (!people.TryGetValue(key, out var entry)) people[key] = entry = (person.PersonLookupHash, []);
                entry.Results.Add((record, person, members.Single(m => m.Position == person.Position).Name));
            }
        }

        var rows = new Dictionary<string, LookupRow>();
        foreach (var chunk in people.Values.Select(p => p.Hash).Chunk(Chunk))
            foreach (var row in await db.LookupRows.Where(r => chunk.Contains(r.PersonHash)).ToListAsync(cancellationToken))
                rows[Convert.ToHexString(row.PersonHash)] = row;

        foreach (var (key, (hash, results)) in people)
        {
            var row = rows.GetValueOrDefault(key);
            var lookup = row is null ? new PersonLookup(results[0].Person.MaskedId, [], []) : LookupPayload.Read(row.Payload);
            foreach (var (tube, person, name) in results)
                lookup.Add(person.MaskedId, hasher.NameHash(hash, name), person.MaskedName, tube.Cursor, person.Outcome,
                    tube.Barcode.Value, tube.Kind == TubeKind.Pooled, tube.Site, tube.CollectedAt, tube.ReleasedAt);
            var payload = LookupPayload.Write(lookup);
            var at = results[^1].Tube.ReleasedAt;
            if (row is null) db.LookupRows.Add(new LookupRow(hash, payload, lookup.LastCursor, at));
            else row.Replace(payload, lookup.LastCursor, at);
        }
    }
}

using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Results;

/// <summary>Settings of review and release: <c>Lims:Review:AutoReleaseNegatives</c> (off by default).</summary>
public sealed record ReviewSettings(bool AutoReleaseNegatives)
{
    public static readonly ReviewSettings Default = new(false);

    /// <summary>How the policy appears in tube histories when it releases negatives.</summary>
    public const string AutoReleaseActor = "system:auto-release";
}

/// <summary>
/// Release: the approved tubes become released, and each gets its <see cref="ReleasedTube"/> record — per-tube and per-person
/// results with the kit, the Ct values and the reviewers — the one source of every output. Runs inside the caller's
/// transaction, which must be open: the cursors are reserved under a row lock held until it commits, so they grow in commit order.
/// </summary>
internal static class Releases
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<ReleasedTube>> ReleaseAsync(
        ILimsDbContext db, PlateReview review, IReadOnlyList<ReviewItem> items, IReadOnlyDictionary<TubeId, Tube> tubes, PlateRun run,
        DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return [];
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A release runs inside a transaction.");
        var last = await ReserveCursorsAsync(db, items.Count, cancellationToken);
        var releaseId = Guid.CreateVersion7();
        List<ReleasedTube> released = [];
        foreach (var (item, i) in items.Select((item, i) => (item, i)))
        {
            var tube = tubes[item.TubeId];
            if (tube.Status == TubeStatus.Interpreted) tube.Review(at, actor);
            tube.Release(at, actor);
            var targets = run.Wells.Where(w => w.TubeId == item.TubeId).SelectMany(w => w.Targets)
                .Select(t => new TargetCtView(t.Target, t.Ct)).ToList();
            var reviewers = review.SignaturesFor(item)
                .Select(s => new ReviewerView(s.Meaning == SignatureMeaning.AutoRelease ? ReviewSettings.AutoReleaseActor : s.UserName,
                    s.Meaning == SignatureMeaning.AutoRelease ? "policy" : s.Role, s.Meaning.ToWire(), s.SignedAt)).ToList();
            var record = ReleasedTube.Of(tube, last - items.Count + 1 + i, releaseId, run.KitCode, run.KitVersion, run.PlateBarcode, item.Well,
                JsonSerializer.Serialize(targets, Json), JsonSerializer.Serialize(reviewers, Json), at, actor);
            db.ReleasedTubes.Add(record);
            released.Add(record);
        }
        return released;
    }

    /// <summary>Takes <paramref name="count"/> cursors; the UPDATE locks the row until the transaction ends.</summary>
    private static async Task<long> ReserveCursorsAsync(ILimsDbContext db, int count, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"UPDATE result_cursor SET last_cursor = last_cursor + {count} WHERE id = 1", cancellationToken);
        return await db.Database.SqlQuery<long>($"SELECT last_cursor AS \"Value\" FROM result_cursor WHERE id = 1").SingleAsync(cancellationToken);
    }

    public static TubeResultView View(ReleasedTube r) => new(
        r.Cursor, r.Id, r.ReleaseId, r.Barcode.Value, r.Kind.ToString().ToLowerInvariant(), r.Capacity, r.Site, r.Priority.ToString().ToLowerInvariant(),
        r.CollectedAt, r.ReleasedAt, r.Call.ToString().ToLowerInvariant(), r.KitCode, r.KitVersion, r.PlateBarcode.Value, r.Well,
        JsonSerializer.Deserialize<List<TargetCtView>>(r.Targets, Json)!, JsonSerializer.Deserialize<List<ReviewerView>>(r.Reviewers, Json)!,
        [.. r.People.Select(p => new PersonResultView(p.Position, p.MaskedId, p.MaskedName, p.Outcome switch
        {
            PersonOutcome.Positive => PersonResults.Positive,
            PersonOutcome.Negative => PersonResults.Negative,
            _ => PersonResults.RecallRequired,
        }))]);
}

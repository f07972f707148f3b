using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Results;

/// <summary>
/// Release, when a review releases tubes (a reviewer, or the lab's auto-release policy): each tube becomes released and
/// gets its <see cref="ReleasedTube"/> record — per-tube and per-person results with the kit, the Ct values and the
/// reviewers, the one source of every output (whose own reactions write the look-up, webhooks and public-health
/// reports). The release cursors are reserved under a row lock held until the save's transaction commits, so they grow
/// in commit order and a client paging by them misses nothing.
/// </summary>
public sealed class ReleaseResults(ILimsDbContext db) : IDomainEventHandler<ResultsReleased>
{
    public async Task HandleAsync(IReadOnlyList<ResultsReleased> events, CancellationToken cancellationToken)
    {
        var count = events.Sum(e => e.Items.Count);
        if (count == 0) return;
        var tubes = await db.TubesByIdAsync(events.SelectMany(e => e.Items).Select(i => i.TubeId), cancellationToken);
        // The run is new in this unit of work when its import auto-releases negatives.
        var runIds = events.Select(e => e.Review.RunId).ToHashSet();
        var runs = db.PlateRuns.Local.Where(r => runIds.Contains(r.Id)).ToDictionary(r => r.Id);
        runIds.ExceptWith(runs.Keys);
        foreach (var run in await db.PlateRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToListAsync(cancellationToken)) runs[run.Id] = run;
        var cursor = await ReserveCursorsAsync(count, cancellationToken) - count;
        foreach (var release in events)
        {
            var run = runs[release.Review.RunId];
            var releaseId = Guid.CreateVersion7();
            foreach (var item in release.Items)
            {
                var tube = tubes[item.TubeId];
                if (tube.Status == TubeStatus.Interpreted) tube.Review(release.At, release.By);
                tube.Release(release.At, release.By);
                var targets = run.Wells.Where(w => w.TubeId == item.TubeId).SelectMany(w => w.Targets).Select(t => new TargetCtView(t.Target, t.Ct)).ToList();
                var reviewers = release.Review.SignaturesFor(item)
                    .Select(s => new ReviewerView(s.Meaning == SignatureMeaning.AutoRelease ? PlateReview.AutoReleaseActor : s.UserName,
                        s.Meaning == SignatureMeaning.AutoRelease ? "policy" : s.Role, s.Meaning.ToWire(), s.SignedAt)).ToList();
                db.ReleasedTubes.Add(ReleasedTube.Of(tube, ++cursor, releaseId, run.KitCode, run.KitVersion, run.PlateBarcode, item.Well,
                    JsonSerializer.Serialize(targets, ResultViews.Json), JsonSerializer.Serialize(reviewers, ResultViews.Json), release.At, release.By));
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> cursors and answers the last; the UPDATE locks the row until the transaction ends.</summary>
    private async Task<long> ReserveCursorsAsync(int count, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A release runs inside a transaction.");
        await db.Database.ExecuteSqlAsync($"UPDATE result_cursor SET last_cursor = last_cursor + {count} WHERE id = 1", cancellationToken);
        return await db.Database.SqlQuery<long>($"SELECT last_cursor AS \"Value\" FROM result_cursor WHERE id = 1").SingleAsync(cancellationToken);
    }
}

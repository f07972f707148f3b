using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.PublicHealth;
using Lims.Application.Features.Webhooks;
using Lims.Application.Features.Lookup;
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

/// <summary>What one release wrote: its released tubes, and the webhook deliveries to dispatch once the transaction has committed.</summary>
internal sealed record Release(Guid Id, IReadOnlyList<ReleasedTube> Tubes, IReadOnlyList<Guid> WebhookDeliveries)
{
    public static readonly Release Empty = new(Guid.Empty, [], []);

    /// <summary>Hands the release's webhook deliveries to the jobs; call it after the commit (the sweeper covers a crash before it).</summary>
    public void Dispatch(IWebhookDispatcher dispatcher)
    {
        foreach (var delivery in WebhookDeliveries) dispatcher.Dispatch(delivery, 1, TimeSpan.Zero);
    }
}

/// <summary>
/// Release: the approved tubes become released, and each gets its <see cref="ReleasedTube"/> record — per-tube and per-person
/// results with the kit, the Ct values and the reviewers — the one source of every output — and the people's rows of the public
/// look-up are brought up to date. Runs inside the caller's transaction, which must be open: the cursors are reserved under a row
/// lock held until it commits, so they grow in commit order (and releases update the look-up one at a time).
/// The outbox is written in the same transaction: a webhook delivery per submitter with a webhook, a public-health
/// notification per positive person.
/// </summary>
internal static class Releases
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Release> ReleaseAsync(
        ILimsDbContext db, ILookupHasher hasher, PlateReview review, IReadOnlyList<ReviewItem> items, IReadOnlyDictionary<TubeId, Tube> tubes,
        PlateRun run, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return Release.Empty;
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
        await LookupReadModel.RecordAsync(db, hasher, released, tubes, at, cancellationToken);
        var deliveries = await WebhookDeliveries.AddAsync(db, releaseId, released, at, cancellationToken);
        PublicHealthOutbox.Add(db, released);
        return new Release(releaseId, released, deliveries);
    }

    /// <summary>Takes <paramref name="count"/> cursors; the UPDATE locks the row until the transaction ends.</summary>
    private static async Task<long> ReserveCursorsAsync(ILimsDbContext db, int count, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"UPDATE result_cursor SET last_cursor = last_cursor + {count} WHERE id = 1", cancellationToken);
        return await db.Database.SqlQuery<long>($"SELECT last_cursor AS \"Value\" FROM result_cursor WHERE id = 1").SingleAsync(cancellationToken);
    }

    public static TubeResultView View(ReleasedTube r) => new(
        r.Cursor, r.Id, r.ReleaseId, r.Barcode.Value, r.Kind.ToWire(), r.Capacity, r.Site, r.Priority.ToWire(),
        r.CollectedAt, r.ReleasedAt, r.Call.ToWire(), r.KitCode, r.KitVersion, r.PlateBarcode.Value, r.Well,
        JsonSerializer.Deserialize<List<TargetCtView>>(r.Targets, Json)!, JsonSerializer.Deserialize<List<ReviewerView>>(r.Reviewers, Json)!,
        [.. r.People.Select(p => new PersonResultView(p.Position, p.MaskedId, p.MaskedName, p.Outcome switch
        {
            PersonOutcome.Positive => PersonResults.Positive,
            PersonOutcome.Negative => PersonResults.Negative,
            _ => PersonResults.RecallRequired,
        }))]);
}

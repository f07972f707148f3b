using Lims.Application.Abstractions;
using Lims.Application.Features.Labels;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>How recalls are run: the deadline of a case, and the prefix of the barcodes ordered for its members.</summary>
public sealed record RecallSettings(TimeSpan Deadline, string BarcodePrefix)
{
    public static RecallSettings Default { get; } = new(RecallCase.DefaultDeadline, "RC");
}

/// <summary>
/// Opens the recall case of every pooled tube called positive that has none yet (of the given tubes, or all of
/// them): one new single-tube barcode per member, issued from the database, and the deadline. Set-based: the pools
/// and their head counts are read in one query, the barcodes issued as ranges, and the writer binds each pool's people
/// to their barcodes with the provider's bulk path (on PostgreSQL inside the database). Idempotent: a pool is
/// recalled once (the writer skips pools that got a case meanwhile). Run after a run import and by a recurring job, so
/// a case missed by a crash is opened on the next pass.
/// </summary>
public sealed record OpenRecallCases(IReadOnlyList<TubeId>? Tubes, string Actor) : ICommand<IReadOnlyList<RecallCaseId>>;

public sealed class OpenRecallCasesHandler(ILimsDbContext db, IRecallCaseWriter writer, TimeProvider time, RecallSettings settings)
    : ICommandHandler<OpenRecallCases, IReadOnlyList<RecallCaseId>>
{
    /// <summary>A day of a city's screening at 1 % positivity is ~26,000 positive pools: one pass takes them all.</summary>
    public const int MaxPerPass = 100_000;

    public async ValueTask<IReadOnlyList<RecallCaseId>> Handle(OpenRecallCases command, CancellationToken cancellationToken)
    {
        var candidates = db.Tubes.AsNoTracking()
            .Where(t => t.Kind == TubeKind.Pooled && t.Status == TubeStatus.Interpreted && t.Call == TubeCall.Positive);
        if (command.Tubes is { } ids) candidates = candidates.Where(t => ids.Contains(t.Id));
        var found = await candidates
            .Where(t => !db.RecallCases.Any(c => c.PoolTubeId == t.Id))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(MaxPerPass)
            .Select(t => new { t.Id, t.Barcode, t.SubmitterId, t.Site, Members = t.Members.Count })
            .ToListAsync(cancellationToken);
        var pools = found
            .Where(t => t.Members > 0)
            .Select(t => new PositivePoolHeader(t.Id, t.Barcode, t.SubmitterId, t.Site, t.Members))
            .ToList();
        if (pools.Count == 0) return [];

        var orders = await IssueOrdersAsync(pools.Sum(p => p.Members), pools.Count, command.Actor, cancellationToken);
        return await writer.WriteAsync(RecallPass.Plan(pools, orders, time.GetUtcNow(), settings.Deadline), cancellationToken);
    }

    /// <summary>The ranges of the single tubes to order, of the recall prefix. Numbers of a pass that fails later are never reused.</summary>
    private async Task<List<BarcodeRange>> IssueOrdersAsync(int count, int pools, string actor, CancellationToken cancellationToken)
    {
        var ranges = new List<BarcodeRange>();
        for (var issued = 0; issued < count;)
        {
            var size = Math.Min(BarcodeRange.MaxCount, count - issued);
            var (allocation, _) = await BarcodeRanges.IssueAsync(
                db, time, settings.BarcodePrefix, size, LabelKind.Tube, $"recall orders for {pools:N0} positive pool(s)", null, actor, cancellationToken);
            ranges.Add(allocation.Range);
            issued += size;
        }
        return ranges;
    }
}

/// <summary>Flags open recall cases past their deadline. Set-based; running it twice flags nothing new.</summary>
public sealed record FlagOverdueRecallCases : ICommand<int>;

public sealed class FlagOverdueRecallCasesHandler(ILimsDbContext db, IAuditTrail audit, TimeProvider time) : ICommandHandler<FlagOverdueRecallCases, int>
{
    public async ValueTask<int> Handle(FlagOverdueRecallCases command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var flagged = await db.RecallCases
            .Where(c => c.Status == RecallStatus.Open && c.OverdueSince == null && c.DueAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueSince, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (flagged > 0)
        {
            // Set-based: one event for the pass, in its transaction.
            audit.Record("flagged overdue", "recall-case", "*", null, new { cases = flagged, overdueSince = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return flagged;
    }
}

/// <summary>A recall case: the lab sees any; a submitter only its own (others are not found).</summary>
public sealed record GetRecallCase(Guid Id, SubmitterId? Submitter) : IQuery<RecallCaseView?>;

public sealed class GetRecallCaseHandler(ILimsDbContext db) : IQueryHandler<GetRecallCase, RecallCaseView?>
{
    public async ValueTask<RecallCaseView?> Handle(GetRecallCase query, CancellationToken cancellationToken)
    {
        var id = new RecallCaseId(query.Id);
        var recall = await db.RecallCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return recall is null || (query.Submitter is { } submitter && recall.SubmitterId != submitter) ? null : RecallCaseView.From(recall);
    }
}

/// <summary>Recall cases, the most urgent first: open ones by deadline, then closed ones, newest first.</summary>
/// <param name="Status">open, overdue, closed, or null for all.</param>
public sealed record ListRecallCases(SubmitterId? Submitter, string? Status, int Limit = 200) : IQuery<IReadOnlyList<RecallCaseView>>;

public sealed class ListRecallCasesHandler(ILimsDbContext db) : IQueryHandler<ListRecallCases, IReadOnlyList<RecallCaseView>>
{
    public async ValueTask<IReadOnlyList<RecallCaseView>> Handle(ListRecallCases query, CancellationToken cancellationToken)
    {
        var cases = db.RecallCases.AsNoTracking();
        if (query.Submitter is { } submitter) cases = cases.Where(c => c.SubmitterId == submitter);
        cases = query.Status switch
        {
            null => cases,
            "open" => cases.Where(c => c.Status == RecallStatus.Open),
            "overdue" => cases.Where(c => c.Status == RecallStatus.Open && c.OverdueSince != null),
            "closed" => cases.Where(c => c.Status == RecallStatus.Closed),
            _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["status"] = ["The status is open, overdue or closed."] }),
        };
        var found = await cases.OrderBy(c => c.Status).ThenBy(c => c.DueAt).Take(Math.Clamp(query.Limit, 1, 1_000)).ToListAsync(cancellationToken);
        return [.. found.Select(RecallCaseView.From)];
    }
}

public sealed record RecallCaseView(
    Guid Id, string Pool, string Site, string Status, DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset? OverdueSince,
    DateTimeOffset? ClosedAt, int Outstanding, IReadOnlyList<RecallMemberView> Members)
{
    public static RecallCaseView From(RecallCase c) => new(
        c.Id.Value, c.PoolBarcode.Value, c.Site, c.Status.ToWire(), c.OpenedAt, c.DueAt, c.OverdueSince, c.ClosedAt, c.Outstanding,
        [.. c.Members.OrderBy(m => m.Position).Select(m => new RecallMemberView(
            m.Position, m.PersonMasked, m.OrderBarcode.Value, m.Result?.ToWire(), m.ResultTube?.Value, m.ResultAt))]);
}

/// <param name="IdNumber">Always masked.</param>
/// <param name="OrderBarcode">The barcode of the single tube to collect from this person.</param>
public sealed record RecallMemberView(int Position, string IdNumber, string OrderBarcode, string? Result, string? ResultTube, DateTimeOffset? ResultAt);

internal static class Recalls
{
    /// <summary>
    /// Gives recall members the final results of the single tubes ordered for them (by the tube's barcode). Tubes
    /// that no recall ordered are ignored. The cases are changed in the caller's unit of work.
    /// </summary>
    public static async Task RecordResultsAsync(ILimsDbContext db, IReadOnlyCollection<(Barcode Tube, TubeCall Call)> results, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var final = results.Where(r => r.Call is TubeCall.Positive or TubeCall.Negative).ToList();
        if (final.Count == 0) return;
        var barcodes = final.Select(r => r.Tube).ToList();
        var cases = await db.RecallCases.Where(c => c.Members.Any(m => barcodes.Contains(m.OrderBarcode))).ToListAsync(cancellationToken);
        foreach (var recall in cases)
            foreach (var (tube, call) in final)
                if (recall.Members.Any(m => m.OrderBarcode == tube))
                    recall.RecordResult(tube, call, at);
    }
}

using System.Security.Cryptography;
using Lims.Application.Abstractions;
using Lims.Application.Features.Kits;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Results;
using Lims.Application.Features.Reviews;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Runs;

/// <summary>
/// An instrument result file uploaded for a sealed plate: stored unchanged with its SHA-256, matched to the
/// plate by well and sample name, interpreted by the plate's kit, and applied to every tube on the plate in one
/// transaction. The same file again answers the first import and changes nothing.
/// </summary>
public sealed record ImportRun(string Plate, string FileName, byte[] Content, string Actor) : ICommand<ImportedRun>;

/// <param name="Replayed">True when this file had been imported before: nothing was changed.</param>
public sealed record ImportedRun(RunView Run, bool Replayed);

public sealed class ImportRunHandler(
    ILimsDbContext db, IRunFileReader reader, TimeProvider time, ISender sender, ReviewSettings reviewSettings, IWebhookDispatcher webhooks, ILookupHasher hasher) : ICommandHandler<ImportRun, ImportedRun>
{
    public const int MaxFileNameLength = 255;

    public async ValueTask<ImportedRun> Handle(ImportRun command, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.PlateAsync(command.Plate, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content));
        if (await Runs.FindByFileAsync(db, sha256, cancellationToken) is { } earlier)
            return await ReplayAsync(earlier, plate);

        var file = reader.Read(command.Content);
        var kit = await KitCatalog.FindAsync(db, plate.KitCode, plate.KitVersion, cancellationToken);
        var tubeIds = plate.Wells.Where(w => w.TubeId is not null).Select(w => w.TubeId!.Value).ToList();
        var tubes = await db.Tubes.Where(t => tubeIds.Contains(t.Id)).ToListAsync(cancellationToken);
        var name = Path.GetFileName(command.FileName.Trim());
        if (name.Length == 0) name = "run";
        if (name.Length > MaxFileNameLength) name = name[..MaxFileNameLength];

        PlateRun run;
        IReadOnlyList<TubeResult> results;
        try
        {
            (run, results) = PlateRun.Import(
                PlateRunId.New(), plate, tubes, kit, new RunFileInfo(name, sha256, command.Content.LongLength, file.Format, file.Instrument),
                file.Wells, time.GetUtcNow(), command.Actor);
        }
        catch (RunMismatchException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [.. e.Mismatches] });
        }

        // A single tube ordered by a recall gives its member the individual result, in the same transaction.
        var byId = tubes.ToDictionary(t => t.Id);
        await Recalls.RecordResultsAsync(
            db, [.. results.Where(r => r.Outcome == TubeOutcome.Called && byId[r.TubeId].Kind == TubeKind.Single).Select(r => (r.Barcode, byId[r.TubeId].Call!.Value))],
            time.GetUtcNow(), cancellationToken);
        db.RunFiles.Add(new RunFile(sha256, command.Content));
        db.PlateRuns.Add(run);

        // The called tubes wait for review; with the lab's policy on, a QC-passed plate's negatives are released at once.
        var review = ReviewViews.Open(run, plate, byId, results, run.ImportedAt);
        if (review is not null) db.PlateReviews.Add(review);
        var autoReleased = review is not null && reviewSettings.AutoReleaseNegatives ? review.AutoReleaseNegatives(run.ImportedAt) : [];
        var release = Release.Empty;
        try
        {
            await using var transaction = autoReleased.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (transaction is not null)
                release = await Releases.ReleaseAsync(db, hasher, review!, autoReleased, byId, run, run.ImportedAt, ReviewSettings.AutoReleaseActor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone imported this file (or another run of this plate) at the same moment: answer what was stored.
            db.ChangeTracker.Clear();
            if (await Runs.FindByFileAsync(db, sha256, cancellationToken) is { } stored)
                return await ReplayAsync(stored, plate);
            throw new ConflictException("plate-changed", $"Plate {plate.Barcode} or one of its tubes was changed by someone else at the same time; try again.");
        }
        release.Dispatch(webhooks);
        await OpenRecallsAsync([.. results.Where(r => r.Outcome == TubeOutcome.Called && byId[r.TubeId].AwaitingDeconvolution).Select(r => r.TubeId)], command.Actor, cancellationToken);
        return new ImportedRun(await Runs.ViewAsync(db, run, cancellationToken), false);

        async Task<ImportedRun> ReplayAsync(PlateRun stored, Plate target) => stored.PlateId == target.Id
            ? new ImportedRun(await Runs.ViewAsync(db, stored, cancellationToken), true)
            : throw new ConflictException("file-imported-for-another-plate",
                $"This file (SHA-256 {sha256}) was imported for plate {stored.PlateBarcode} on {stored.ImportedAt:u}; it cannot be the run of plate {target.Barcode}.");
    }

    /// <summary>
    /// Opens the recall of each positive pool once the run is stored. The run stands whatever happens here: a case
    /// that cannot be opened now is opened by the recurring job that sweeps positive pools without one.
    /// </summary>
    private async Task OpenRecallsAsync(IReadOnlyList<TubeId> pools, string actor, CancellationToken cancellationToken)
    {
        if (pools.Count == 0) return;
        try
        {
            await sender.Send(new OpenRecallCases(pools, actor), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or ConflictException or DomainException)
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The run of a plate, with curves when asked for.</summary>
public sealed record GetRun(string Plate, bool Curves) : IQuery<RunView?>;

public sealed class GetRunHandler(ILimsDbContext db) : IQueryHandler<GetRun, RunView?>
{
    public async ValueTask<RunView?> Handle(GetRun query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(query.Plate, out var barcode, out _)) return null;
        var run = await db.PlateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken);
        return run is null ? null : await Runs.ViewAsync(db, run, cancellationToken, query.Curves);
    }
}

/// <summary>The file of a plate's run, byte for byte as it was uploaded.</summary>
public sealed record GetRunFile(string Plate) : IQuery<(string Name, byte[] Content)?>;

public sealed class GetRunFileHandler(ILimsDbContext db) : IQueryHandler<GetRunFile, (string Name, byte[] Content)?>
{
    public async ValueTask<(string Name, byte[] Content)?> Handle(GetRunFile query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(query.Plate, out var barcode, out _)) return null;
        var found = await db.PlateRuns.AsNoTracking().Where(r => r.PlateBarcode == barcode)
            .Join(db.RunFiles.AsNoTracking(), r => r.Sha256, f => f.Sha256, (r, f) => new { r.FileName, f.Content })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.FileName, found.Content);
    }
}

public sealed record RunView(
    string Plate, string Kit, string KitVersion, RunFileView File, string Format, string? Instrument,
    RunQcView Qc, DateTimeOffset ImportedAt, string ImportedBy, IReadOnlyList<RunTubeView> Tubes, IReadOnlyList<RunWellView> Wells);

public sealed record RunFileView(string Name, string Sha256, long Length);

public sealed record RunQcView(string Status, IReadOnlyList<string> Reasons);

/// <param name="Outcome">called (waits for review), retest, recollection, or replate (the plate failed QC).</param>
/// <param name="Hold">pool-positive-awaiting-deconvolution for a pooled tube called positive.</param>
public sealed record RunTubeView(string Tube, string Well, string? Call, string Outcome, string Status, int RetestCount, string? Hold);

public sealed record RunWellView(string Well, string? Sample, string Role, string Call, string? Tube, IReadOnlyList<string> Reasons, IReadOnlyList<RunTargetView> Targets);

public sealed record RunTargetView(string Target, string? Dye, double? Ct, IReadOnlyList<double>? Curve);

internal static class Runs
{
    public static Task<PlateRun?> FindByFileAsync(ILimsDbContext db, string sha256, CancellationToken cancellationToken) =>
        db.PlateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Sha256 == sha256, cancellationToken);

    public static async Task<RunView> ViewAsync(ILimsDbContext db, PlateRun run, CancellationToken cancellationToken, bool curves = false)
    {
        var first = run.Wells.Where(w => w.TubeId is not null).GroupBy(w => w.TubeId!.Value).Select(g => g.First()).ToList();
        var ids = first.Select(w => w.TubeId!.Value).ToList();
        var tubes = (await db.Tubes.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Kind, t.Status, t.RetestCount })
            .ToListAsync(cancellationToken)).ToDictionary(t => t.Id);
        List<RunTubeView> tubeViews =
        [
            .. first.Select(w =>
            {
                var tube = tubes[w.TubeId!.Value];
                var hold = w.Outcome == TubeOutcome.Called && w.Call == WellCall.Positive && tube.Kind == TubeKind.Pooled
                    ? "pool-positive-awaiting-deconvolution" : null;
                return new RunTubeView(w.TubeBarcode!.Value.Value, w.Position.ToString(), run.QcPassed ? w.Call.ToWire() : null,
                    w.Outcome!.Value.ToWire(), tube.Status.ToWire(), tube.RetestCount, hold);
            }),
        ];
        return new RunView(
            run.PlateBarcode.Value, run.KitCode, run.KitVersion, new RunFileView(run.FileName, run.Sha256, run.FileLength), run.Format, run.Instrument,
            new RunQcView(run.QcPassed ? "pass" : "fail", run.QcReasons), run.ImportedAt, run.ImportedBy, tubeViews,
            [.. run.Wells.Select(w => new RunWellView(
                w.Position.ToString(), w.Sample, w.Role.ToWire(), w.Call.ToWire(), w.TubeBarcode?.Value, w.Reasons,
                [.. w.Targets.Select(t => new RunTargetView(t.Target, t.Dye, t.Ct, curves ? t.Curve : null))]))]);
    }
}

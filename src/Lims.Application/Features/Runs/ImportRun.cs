using System.Security.Cryptography;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Features.Kits;
using Lims.Application.Features.Reviews;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Runs;

/// <summary>
/// An instrument result file uploaded for a sealed plate: stored unchanged with its SHA-256, matched to the plate by
/// well and sample name, interpreted by the plate's kit, and applied to every tube on the plate in one transaction,
/// with what follows from it: the called tubes wait for review (with the lab's policy on, a QC-passed plate's negatives
/// are released at once), each positive pool's recall is opened, a single tube ordered by a recall gives its member the
/// individual result. The same file again answers the first import and changes nothing.
/// </summary>
public sealed record ImportRun(string Plate, string FileName, byte[] Content, string Actor) : ICommand<ImportedRun>;

/// <param name="Replayed">True when this file had been imported before: nothing was changed.</param>
public sealed record ImportedRun(RunView Run, bool Replayed);

public sealed class ImportRunValidator : AbstractValidator<ImportRun>
{
    /// <summary>A run file is a few MB; this is far above any real one.</summary>
    public const long MaxFileBytes = 100 * 1024 * 1024;

    public ImportRunValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithMessage("The file is empty.").OverridePropertyName("file");
        RuleFor(c => c.Content.LongLength).LessThanOrEqualTo(MaxFileBytes)
            .WithMessage($"An instrument result file has at most {MaxFileBytes:N0} bytes.").OverridePropertyName("file");
    }
}

public sealed class ImportRunHandler(ILimsDbContext db, IRunFileReader reader, TimeProvider time, ReviewSettings reviewSettings)
    : ICommandHandler<ImportRun, ImportedRun>
{
    public const int MaxFileNameLength = 255;

    public async ValueTask<ImportedRun> Handle(ImportRun command, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.PlateAsync(command.Plate, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content));
        if (await RunViews.FindByFileAsync(db, sha256, cancellationToken) is { } earlier)
            return await ReplayAsync(earlier, plate);

        var file = reader.Read(command.Content);
        var kit = await KitCatalog.FindAsync(db, plate.KitCode, plate.KitVersion, cancellationToken);
        var tubes = await db.TubesByIdAsync(plate.Wells.Where(w => w.TubeId is not null).Select(w => w.TubeId!.Value), cancellationToken);

        PlateRun run;
        IReadOnlyList<TubeResult> results;
        try
        {
            (run, results) = PlateRun.Import(
                PlateRunId.New(), plate, [.. tubes.Values], kit, new RunFileInfo(FileName(command.FileName), sha256, command.Content.LongLength, file.Format, file.Instrument),
                file.Wells, time.GetUtcNow(), command.Actor);
        }
        catch (RunMismatchException e)
        {
            // Found only by matching the file to the plate: its wells and sample names are the input that is wrong.
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [.. e.Mismatches] });
        }
        db.RunFiles.Add(new RunFile(sha256, command.Content));
        db.PlateRuns.Add(run);
        if (PlateReview.ForRun(run, plate, tubes, results, run.ImportedAt) is { } review)
        {
            db.PlateReviews.Add(review);
            if (reviewSettings.AutoReleaseNegatives) review.AutoReleaseNegatives(run.ImportedAt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone imported this file (or another run of this plate) at the same moment: answer what was stored.
            db.ChangeTracker.Clear();
            if (await RunViews.FindByFileAsync(db, sha256, cancellationToken) is { } stored)
                return await ReplayAsync(stored, plate);
            throw new ConflictException("plate-changed", $"Plate {plate.Barcode} or one of its tubes was changed by someone else at the same time; try again.");
        }
        return new ImportedRun(await RunViews.ViewAsync(db, run, cancellationToken), false);

        async Task<ImportedRun> ReplayAsync(PlateRun stored, Plate target) => stored.PlateId == target.Id
            ? new ImportedRun(await RunViews.ViewAsync(db, stored, cancellationToken), true)
            : throw new ConflictException("file-imported-for-another-plate",
                $"This file (SHA-256 {sha256}) was imported for plate {stored.PlateBarcode} on {stored.ImportedAt:u}; it cannot be the run of plate {target.Barcode}.");
    }

    /// <summary>The uploaded name without any path, at most <see cref="MaxFileNameLength"/> characters ("run" when none).</summary>
    private static string FileName(string uploaded)
    {
        var name = Path.GetFileName(uploaded.Trim());
        return name.Length == 0 ? "run" : name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }
}

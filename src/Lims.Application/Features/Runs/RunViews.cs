using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Runs;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Runs;

public sealed record RunView(
    string Plate, string Kit, string KitVersion, RunFileView File, string Format, string? Instrument,
    RunQcView Qc, DateTimeOffset ImportedAt, string ImportedBy, IReadOnlyList<RunTubeView> Tubes, IReadOnlyList<RunWellView> Wells);

public sealed record RunFileView(string Name, string Sha256, long Length);

/// <param name="Reasons">Why QC failed: a failed or missing control, an empty well that amplified.</param>
/// <param name="Notes">What QC could not check (a kit's curve check on a file without curves); never a failure.</param>
public sealed record RunQcView(string Status, IReadOnlyList<string> Reasons, IReadOnlyList<string> Notes);

/// <param name="Outcome">called (waits for review), retest, recollection, or replate (the plate failed QC).</param>
/// <param name="Hold">pool-positive-awaiting-deconvolution for a pooled tube called positive.</param>
public sealed record RunTubeView(string Tube, string Well, string? Call, string Outcome, string Status, int RetestCount, string? Hold);

public sealed record RunWellView(string Well, string? Sample, string Role, string Call, string? Tube, IReadOnlyList<string> Reasons, IReadOnlyList<RunTargetView> Targets);

public sealed record RunTargetView(string Target, string? Dye, double? Ct, IReadOnlyList<double>? Curve);

internal static class RunViews
{
    public const string PoolAwaitingDeconvolution = "pool-positive-awaiting-deconvolution";

    public static NotFoundException NoRun(string plate) => new($"Plate {plate} has no imported run.");

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
                var hold = w.Outcome == TubeOutcome.Called && w.Call == WellCall.Positive && tube.Kind == TubeKind.Pooled ? PoolAwaitingDeconvolution : null;
                return new RunTubeView(w.TubeBarcode!.Value.Value, w.Position.ToString(), run.QcPassed ? w.Call.ToWire() : null,
                    w.Outcome!.Value.ToWire(), tube.Status.ToWire(), tube.RetestCount, hold);
            }),
        ];
        return new RunView(
            run.PlateBarcode.Value, run.KitCode, run.KitVersion, new RunFileView(run.FileName, run.Sha256, run.FileLength), run.Format, run.Instrument,
            new RunQcView(run.QcPassed ? "pass" : "fail", run.QcReasons, run.QcNotes), run.ImportedAt, run.ImportedBy, tubeViews,
            [.. run.Wells.Select(w => new RunWellView(
                w.Position.ToString(), w.Sample, w.Role.ToWire(), w.Call.ToWire(), w.TubeBarcode?.Value, w.Reasons,
                [.. w.Targets.Select(t => new RunTargetView(t.Target, t.Dye, t.Ct, curves ? t.Curve : null))]))]);
    }
}

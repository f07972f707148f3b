using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Receiving;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>
/// One tube scanned into an open box at receipt. The scanner's <paramref name="ScanId"/> makes a
/// retried scan harmless: it answers the first outcome and records nothing new.
/// </summary>
public sealed record ScanTube(string Box, Guid ScanId, string Tube, string Actor) : ICommand<ScanResult>;

public sealed record ScanResult(string Box, string Tube, string Outcome, string? TubeStatus, int Scanned, int Declared);

public sealed class ScanTubeValidator : AbstractValidator<ScanTube>
{
    public ScanTubeValidator()
    {
        RuleFor(c => c.ScanId).NotEmpty().OverridePropertyName("scanId");
        RuleFor(c => c.Tube).Must(b => Barcode.TryCreate(b, out _, out _))
            .WithMessage("A tube barcode has 4 to 32 printable ASCII characters without spaces.").OverridePropertyName("tube");
    }
}

public sealed class ScanTubeHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ScanTube, ScanResult>
{
    public async ValueTask<ScanResult> Handle(ScanTube command, CancellationToken cancellationToken)
    {
        var box = await Boxes.FindAsync(db, command.Box, cancellationToken);
        var barcode = Barcode.Create(command.Tube);
        var tube = await db.Tubes.SingleOrDefaultAsync(t => t.Barcode == barcode, cancellationToken);
        var outcome = box.Scan(command.ScanId, barcode, tube, time.GetUtcNow(), command.Actor);
        await Boxes.SaveAsync(db, box, cancellationToken);
        return new ScanResult(box.Barcode.Value, barcode.Value, outcome.ToString().ToLowerInvariant(), tube?.Status.ToWire(),
            box.Scans.Select(s => s.Barcode).Distinct().Count(), box.DeclaredCount);
    }
}

/// <summary>Closes a box with its reconciliation: every missing, extra, unknown and duplicate barcode, and a count that differs.</summary>
public sealed record CloseBox(string Box, string Actor) : ICommand<BoxView>;

public sealed class CloseBoxHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CloseBox, BoxView>
{
    public async ValueTask<BoxView> Handle(CloseBox command, CancellationToken cancellationToken)
    {
        var box = await Boxes.FindAsync(db, command.Box, cancellationToken);
        box.Close(time.GetUtcNow(), command.Actor);
        await Boxes.SaveAsync(db, box, cancellationToken);
        return BoxView.From(box);
    }
}

/// <summary>A box as the lab sees it, or as its own submitter does (<paramref name="Submitter"/> set): anyone else's is not found.</summary>
public sealed record GetBox(string Box, Domain.Common.SubmitterId? Submitter) : IQuery<BoxView?>;

public sealed class GetBoxHandler(ILimsDbContext db) : IQueryHandler<GetBox, BoxView?>
{
    public async ValueTask<BoxView?> Handle(GetBox query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(query.Box, out var barcode, out _)) return null;
        var box = await db.Boxes.AsNoTracking().SingleOrDefaultAsync(b => b.Barcode == barcode, cancellationToken);
        return box is null || (query.Submitter is { } submitter && box.SubmitterId != submitter) ? null : BoxView.From(box);
    }
}

internal static class Boxes
{
    public static async Task<Box> FindAsync(ILimsDbContext db, string box, CancellationToken cancellationToken)
    {
        Barcode? barcode = Barcode.TryCreate(box, out var b, out _) ? b : null;
        return (barcode is null ? null : await db.Boxes.SingleOrDefaultAsync(x => x.Barcode == barcode, cancellationToken))
            ?? throw new NotFoundException($"There is no box {box}.");
    }

    /// <summary>Saves a box; if another scanner changed it meanwhile, the caller is told to scan again (scans are idempotent).</summary>
    public static Task SaveAsync(ILimsDbContext db, Box box, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(("box-changed", $"Box {box.Barcode} was changed by someone else at the same time; send the request again."), null, cancellationToken);
}

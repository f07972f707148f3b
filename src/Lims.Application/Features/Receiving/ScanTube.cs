using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>
/// One tube scanned into an open box at receipt. The scanner's <paramref name="ScanId"/> makes a
/// retried scan harmless: it answers the first outcome and records nothing new. Without one (a plain
/// keyboard-wedge scanner) every scan is one physical scan: the same barcode again is a duplicate scan.
/// </summary>
public sealed record ScanTube(string Box, Guid? ScanId, string Tube, string Actor) : ICommand<ScanResult>;

/// <param name="Count">The box's counter after this scan.</param>
public sealed record ScanResult(string Box, string Tube, string Outcome, string? TubeStatus, BoxCountView Count);

public sealed class ScanTubeValidator : AbstractValidator<ScanTube>
{
    public ScanTubeValidator()
    {
        RuleFor(c => c.ScanId).NotEqual(Guid.Empty)
            .WithMessage("A scan id is a GUID other than 00000000-0000-0000-0000-000000000000; leave it out when the scanner makes none.")
            .OverridePropertyName("scanId");
        RuleFor(c => c.Tube).Must(b => Barcode.TryParse(b, out _)).WithMessage(c => Barcode.Check(c.Tube) ?? Barcode.Rule).OverridePropertyName("tube");
    }
}

public sealed class ScanTubeHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ScanTube, ScanResult>
{
    public async ValueTask<ScanResult> Handle(ScanTube command, CancellationToken cancellationToken)
    {
        // The tube before the box: a twin of this scan that commits in between leaves the box fresher than the tube, so
        // the box knows the scan (answered as before) or has moved on (the save is refused) — never a stale box with a
        // tube already received by the twin.
        var barcode = Barcode.Parse(command.Tube);
        var tube = await db.Tubes.SingleOrDefaultAsync(t => t.Barcode == barcode, cancellationToken);
        var box = await db.Boxes.BoxAsync(command.Box, cancellationToken);
        var outcome = box.Scan(command.ScanId, barcode, tube, time.GetUtcNow(), command.Actor);
        await db.SaveAsync(box, cancellationToken);
        return new ScanResult(box.Barcode.Value, barcode.Value, outcome.ToWire(), tube?.Status.ToWire(), BoxCountView.From(box.Count()));
    }
}

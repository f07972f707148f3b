using Lims.Domain.Common;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Receiving;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>
/// The lab settles discrepancy <paramref name="Number"/> of a closed box: a missing tube lost or
/// found, an extra tube received or returned, an unknown barcode returned or destroyed, a duplicate
/// scan or a differing count acknowledged. Sending the identical resolution again answers the box
/// unchanged; a different one is a conflict.
/// </summary>
public sealed record ResolveDiscrepancy(string Box, int Number, string Resolution, string? Note, string Actor) : ICommand<BoxView>;

public sealed class ResolveDiscrepancyValidator : AbstractValidator<ResolveDiscrepancy>
{
    public ResolveDiscrepancyValidator()
    {
        RuleFor(c => c.Resolution).Must(r => Wire.Parse<DiscrepancyResolution>(r) is not null)
            .WithMessage($"The resolution is one of: {string.Join(", ", Enum.GetValues<DiscrepancyResolution>().Select(r => r.ToWire()))}.")
            .OverridePropertyName("resolution");
        RuleFor(c => c.Note).NotEmpty().When(c => Wire.Parse<DiscrepancyResolution>(c.Resolution)?.NeedsNote() == true)
            .WithMessage(c => $"A discrepancy resolved as {c.Resolution} says what happened in a note.").OverridePropertyName("note");
        RuleFor(c => c.Note).MaximumLength(300).OverridePropertyName("note");
    }
}

public sealed class ResolveDiscrepancyHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ResolveDiscrepancy, BoxView>
{
    public async ValueTask<BoxView> Handle(ResolveDiscrepancy command, CancellationToken cancellationToken)
    {
        var box = await db.Boxes.BoxAsync(command.Box, cancellationToken);
        var resolution = Wire.Parse<DiscrepancyResolution>(command.Resolution)!.Value;
        // An open box has no discrepancies yet: the domain says so (409) rather than "no such number".
        var discrepancy = box.Discrepancies.FirstOrDefault(d => d.Number == command.Number);
        if (box.Status == BoxStatus.Closed && discrepancy is null)
            throw new NotFoundException($"Box {box.Barcode} has no discrepancy {command.Number}.");

        Tube? tube = null;
        if (resolution is DiscrepancyResolution.Found or DiscrepancyResolution.Received && discrepancy?.Barcode is { } barcode)
            tube = await db.Tubes.SingleOrDefaultAsync(t => t.Barcode == barcode, cancellationToken);
        box.Resolve(command.Number, resolution, command.Note, tube, time.GetUtcNow(), command.Actor);
        await db.SaveAsync(box, cancellationToken);
        return BoxView.From(box);
    }
}

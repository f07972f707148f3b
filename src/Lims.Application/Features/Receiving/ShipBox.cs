using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Receiving;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>
/// A submitter packs registered tubes into a sealed box and ships it. Idempotent by the box barcode:
/// sending the same box again answers the box; the same barcode with other tubes is a conflict. A barcode another
/// submitter's box carries is refused like a bad barcode, saying nothing of that box.
/// </summary>
public sealed record ShipBox(SubmitterId Submitter, string Actor, string Barcode, int DeclaredCount, IReadOnlyList<string> Tubes)
    : ICommand<ShipBoxResult>;

public sealed record ShipBoxResult(BoxView Box, bool Replayed);

public sealed class ShipBoxValidator : AbstractValidator<ShipBox>
{
    public ShipBoxValidator()
    {
        RuleFor(c => c.Barcode).Must(b => Barcode.TryCreate(b, out _, out _)).WithMessage(c => Barcode.Check(c.Barcode)!)
            .OverridePropertyName("barcode");
        RuleFor(c => c.DeclaredCount).InclusiveBetween(1, Box.MaxTubes).OverridePropertyName("declaredCount");
        RuleFor(c => c.Tubes).NotEmpty().Must(t => t.Count <= Box.MaxTubes).WithMessage($"A box holds 1 to {Box.MaxTubes} tubes.")
            .Must(t => t.Distinct().Count() == t.Count).WithMessage("A tube is listed more than once.").OverridePropertyName("tubes");
    }
}

public sealed class ShipBoxHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ShipBox, ShipBoxResult>
{
    public async ValueTask<ShipBoxResult> Handle(ShipBox command, CancellationToken cancellationToken)
    {
        var barcode = Barcode.Create(command.Barcode);
        if (await ExistingAsync(command, barcode, cancellationToken) is { } existing) return existing;

        var ordered = await db.TubesAsync(command.Tubes, command.Submitter, u => $"{u} is not a registered tube of yours.", cancellationToken);
        var box = Box.Ship(BoxId.New(), barcode, command.Submitter, command.DeclaredCount, ordered, time.GetUtcNow(), command.Actor);
        db.Boxes.Add(box);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique box barcode (or a tube already in another box) decided: a concurrent twin won.
            db.ChangeTracker.Clear();
            return await ExistingAsync(command, barcode, cancellationToken)
                ?? throw new ConflictException("tube-already-boxed", "One of these tubes was packed in another box at the same time.");
        }
        return new ShipBoxResult(BoxView.From(box), false);
    }

    private async Task<ShipBoxResult?> ExistingAsync(ShipBox command, Barcode barcode, CancellationToken cancellationToken)
    {
        var existing = await db.Boxes.AsNoTracking().SingleOrDefaultAsync(b => b.Barcode == barcode, cancellationToken);
        if (existing is null) return null;
        // Another submitter's box is none of this one's business: not that it exists, nor that it was shipped.
        if (existing.SubmitterId != command.Submitter) throw BarcodeUnavailable(barcode);
        var same = existing.DeclaredCount == command.DeclaredCount
            && existing.Tubes.Select(t => t.Barcode.Value).Order().SequenceEqual(command.Tubes.Order());
        return same
            ? new ShipBoxResult(BoxView.From(existing), true)
            : throw new ConflictException("box-exists", $"Box {barcode} was already shipped with other contents.");
    }

    private static RequestValidationException BarcodeUnavailable(Barcode barcode) =>
        new(new Dictionary<string, string[]> { ["barcode"] = [$"{barcode} cannot be the barcode of a box of yours: label the box with another barcode."] });
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Plates;
using Mediator;

namespace Lims.Application.Features.Plates;

/// <summary>
/// A tube scanned onto an open plate: into <paramref name="Well"/> when given, else the next free
/// well in the plate's fill order. Scanning a tube already on this plate answers its well (a retry is harmless).
/// </summary>
public sealed record PlaceTube(string Plate, string Tube, string? Well, string Actor) : ICommand<PlacedTube>;

public sealed record PlacedTube(string Plate, string Tube, string Well);

public sealed class PlaceTubeValidator : AbstractValidator<PlaceTube>
{
    public PlaceTubeValidator() => RuleFor(c => c.Well).Well().When(c => c.Well is not null).OverridePropertyName("well");
}

public sealed class PlaceTubeHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<PlaceTube, PlacedTube>
{
    public async ValueTask<PlacedTube> Handle(PlaceTube command, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.PlateAsync(command.Plate, cancellationToken);
        var tube = await db.Tubes.TubeAsync(command.Tube, cancellationToken);
        var well = command.Well is null ? (WellPosition?)null : WellPosition.Parse(command.Well);
        if (plate.Wells.FirstOrDefault(w => w.TubeId == tube.Id) is { } placed && (well is null || placed.Position == well))
            return new PlacedTube(plate.Barcode.Value, tube.Barcode.Value, placed.Position.ToString());

        if (well is { } at) plate.PlaceAt(tube, at, time.GetUtcNow(), command.Actor);
        else well = plate.Place(tube, time.GetUtcNow(), command.Actor);
        await db.SaveAsync(plate, cancellationToken);
        return new PlacedTube(plate.Barcode.Value, tube.Barcode.Value, well.Value.ToString());
    }
}

using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Plates;

/// <summary>Seals a plate: its layout is final and goes to extraction and PCR.</summary>
public sealed record SealPlate(string Plate, string Actor) : ICommand<PlateView>;

public sealed class SealPlateHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<SealPlate, PlateView>
{
    public async ValueTask<PlateView> Handle(SealPlate command, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.PlateAsync(command.Plate, cancellationToken);
        plate.Seal(time.GetUtcNow(), command.Actor);
        await db.SaveAsync(plate, cancellationToken);
        return PlateView.From(plate);
    }
}

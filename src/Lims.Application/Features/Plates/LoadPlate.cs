using Lims.Application.Abstractions;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Plates;

/// <summary>
/// A tube scanned onto an open plate: into <paramref name="Well"/> when given, else the next free
/// well in the plate's fill order. Scanning a tube already on this plate answers its well (a retry is harmless).
/// </summary>
public sealed record PlaceTube(string Plate, string Tube, string? Well, string Actor) : ICommand<PlacedTube>;

public sealed record PlacedTube(string Plate, string Tube, string Well);

public sealed class PlaceTubeHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<PlaceTube, PlacedTube>
{
    public async ValueTask<PlacedTube> Handle(PlaceTube command, CancellationToken cancellationToken)
    {
        var plate = await Plates.FindAsync(db, command.Plate, cancellationToken);
        Barcode? barcode = Barcode.TryCreate(command.Tube, out var b, out _) ? b : null;
        var tube = (barcode is null ? null : await db.Tubes.SingleOrDefaultAsync(t => t.Barcode == barcode, cancellationToken))
            ?? throw new NotFoundException($"There is no tube {command.Tube}.");
        if (plate.Wells.FirstOrDefault(w => w.TubeId == tube.Id) is { } placed && (command.Well is null || placed.Position.ToString() == command.Well))
            return new PlacedTube(plate.Barcode.Value, tube.Barcode.Value, placed.Position.ToString());

        WellPosition well;
        if (command.Well is null) well = plate.Place(tube, time.GetUtcNow(), command.Actor);
        else
        {
            well = WellPosition.TryParse(command.Well, out var w, out var error)
                ? w
                : throw new RequestValidationException(new Dictionary<string, string[]> { ["well"] = [error] });
            plate.PlaceAt(tube, well, time.GetUtcNow(), command.Actor);
        }
        await Plates.SaveAsync(db, plate, cancellationToken);
        return new PlacedTube(plate.Barcode.Value, tube.Barcode.Value, well.ToString());
    }
}

/// <summary>Moves a tube or control to a free well before the plate is sealed.</summary>
public sealed record MoveWell(string Plate, string From, string To) : ICommand<PlateView>;

public sealed class MoveWellHandler(ILimsDbContext db) : ICommandHandler<MoveWell, PlateView>
{
    public async ValueTask<PlateView> Handle(MoveWell command, CancellationToken cancellationToken)
    {
        var plate = await Plates.FindAsync(db, command.Plate, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (!WellPosition.TryParse(command.From, out var from, out var fromError)) errors["from"] = [fromError];
        if (!WellPosition.TryParse(command.To, out var to, out var toError)) errors["to"] = [toError];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        plate.Move(from, to);
        await Plates.SaveAsync(db, plate, cancellationToken);
        return PlateView.From(plate);
    }
}

/// <summary>Seals a plate: its layout is final and goes to extraction and PCR.</summary>
public sealed record SealPlate(string Plate, string Actor) : ICommand<PlateView>;

public sealed class SealPlateHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<SealPlate, PlateView>
{
    public async ValueTask<PlateView> Handle(SealPlate command, CancellationToken cancellationToken)
    {
        var plate = await Plates.FindAsync(db, command.Plate, cancellationToken);
        plate.Seal(time.GetUtcNow(), command.Actor);
        await Plates.SaveAsync(db, plate, cancellationToken);
        return PlateView.From(plate);
    }
}

/// <summary>A plate and its map (CSV for the instrument's sample set-up).</summary>
public sealed record GetPlate(string Plate) : IQuery<(PlateView View, string Csv)?>;

public sealed class GetPlateHandler(ILimsDbContext db) : IQueryHandler<GetPlate, (PlateView View, string Csv)?>
{
    public async ValueTask<(PlateView View, string Csv)?> Handle(GetPlate query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(query.Plate, out var barcode, out _)) return null;
        var plate = await db.Plates.AsNoTracking().SingleOrDefaultAsync(p => p.Barcode == barcode, cancellationToken);
        return plate is null ? null : (PlateView.From(plate), plate.ToCsv());
    }
}

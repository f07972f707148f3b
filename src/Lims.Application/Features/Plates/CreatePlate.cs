using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Features.Kits;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Plates;

/// <summary>
/// A new plate for an assay kit, with the kit's controls in place. Idempotent by plate barcode: the
/// same plate again answers it; the same barcode with another kit or size is a conflict.
/// </summary>
public sealed record CreatePlate(string Barcode, int Size, string Kit, string? KitVersion, string FillOrder, string Actor) : ICommand<PlateView>;

public sealed class CreatePlateValidator : AbstractValidator<CreatePlate>
{
    public CreatePlateValidator()
    {
        RuleFor(c => c.Barcode).Must(b => Barcode.TryCreate(b, out _, out _)).WithMessage(c => Barcode.Check(c.Barcode)!).OverridePropertyName("barcode");
        RuleFor(c => c.Size).Must(WellPosition.IsPlateSize).WithMessage("A plate has 96 or 384 wells.").OverridePropertyName("size");
        RuleFor(c => c.Kit).NotEmpty().OverridePropertyName("kit");
        RuleFor(c => c.FillOrder).Must(f => Wire.Parse<FillOrder>(f) is not null)
            .WithMessage($"The fill order is {Wire.OneOf<FillOrder>()}.").OverridePropertyName("fillOrder");
    }
}

public sealed class CreatePlateHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CreatePlate, PlateView>
{
    public async ValueTask<PlateView> Handle(CreatePlate command, CancellationToken cancellationToken)
    {
        var barcode = Barcode.Create(command.Barcode);
        var kit = await KitCatalog.FindAsync(db, command.Kit, command.KitVersion, cancellationToken);
        if (await db.Plates.AsNoTracking().SingleOrDefaultAsync(p => p.Barcode == barcode, cancellationToken) is { } existing)
            return existing.KitCode == kit.Code && existing.KitVersion == kit.Version && existing.Size == command.Size
                ? PlateView.From(existing)
                : throw new ConflictException("plate-exists", $"Plate {barcode} exists already, for {existing.KitCode} {existing.KitVersion} with {existing.Size} wells.");
        var plate = Plate.Create(PlateId.New(), barcode, command.Size, kit, Wire.Parse<FillOrder>(command.FillOrder)!.Value, time.GetUtcNow(), command.Actor);
        db.Plates.Add(plate);
        await db.SaveAsync(plate, cancellationToken);
        return PlateView.From(plate);
    }
}

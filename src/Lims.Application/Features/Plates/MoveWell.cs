using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Plates;
using Mediator;

namespace Lims.Application.Features.Plates;

/// <summary>Moves a tube or control to a free well before the plate is sealed.</summary>
public sealed record MoveWell(string Plate, string From, string To) : ICommand<PlateView>;

public sealed class MoveWellValidator : AbstractValidator<MoveWell>
{
    public MoveWellValidator()
    {
        RuleFor(c => c.From).Well().OverridePropertyName("from");
        RuleFor(c => c.To).Well().OverridePropertyName("to");
    }
}

public sealed class MoveWellHandler(ILimsDbContext db) : ICommandHandler<MoveWell, PlateView>
{
    public async ValueTask<PlateView> Handle(MoveWell command, CancellationToken cancellationToken)
    {
        var plate = await db.Plates.PlateAsync(command.Plate, cancellationToken);
        plate.Move(WellPosition.Parse(command.From), WellPosition.Parse(command.To));
        await db.SaveAsync(plate, cancellationToken);
        return PlateView.From(plate);
    }
}

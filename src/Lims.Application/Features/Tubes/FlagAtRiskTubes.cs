using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Tubes;

/// <summary>
/// Flags tubes that will miss their due time (<see cref="Tube.AtRiskRule"/>): not yet final and within the last
/// <paramref name="WarningFraction"/> of their turnaround (e.g. the last 6 h of a 24 h screening tube at 0.25).
/// Set-based, one statement per priority; running it twice flags nothing new.
/// </summary>
public sealed record FlagAtRiskTubes(double WarningFraction = 0.25) : ICommand<int>;

public sealed class FlagAtRiskTubesValidator : AbstractValidator<FlagAtRiskTubes>
{
    public FlagAtRiskTubesValidator() =>
        RuleFor(c => c.WarningFraction).InclusiveBetween(0, 1).WithMessage("The warning fraction lies between 0 and 1.").OverridePropertyName("warningFraction");
}

public sealed class FlagAtRiskTubesHandler(ILimsDbContext db, IAuditTrail audit, TimeProvider time) : ICommandHandler<FlagAtRiskTubes, int>
{
    public async ValueTask<int> Handle(FlagAtRiskTubes command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flagged = 0;
        foreach (var priority in Enum.GetValues<Priority>())
            flagged += await db.Tubes.Where(Tube.AtRisk(priority, now, command.WarningFraction))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.AtRiskSince, now), cancellationToken);
        if (flagged > 0)
        {
            // Set-based: one event for the pass, in its transaction.
            audit.Record("flagged at risk", "tube", "*", null, new { tubes = flagged, atRiskSince = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        return flagged;
    }
}

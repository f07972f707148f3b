using FluentValidation;
using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Inactivation;

/// <summary>Ends a batch's run and inactivates its tubes; a run shorter than its method requires needs <paramref name="OverrideReason"/>.</summary>
public sealed record CompleteInactivation(string Code, string? OverrideReason, string Actor) : ICommand<InactivationView>;

public sealed class CompleteInactivationValidator : AbstractValidator<CompleteInactivation>
{
    public CompleteInactivationValidator() => RuleFor(c => c.OverrideReason).MaximumLength(500).OverridePropertyName("overrideReason");
}

public sealed class CompleteInactivationHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CompleteInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(CompleteInactivation command, CancellationToken cancellationToken)
    {
        var batch = await db.InactivationBatches.InactivationBatchAsync(command.Code, cancellationToken);
        var ids = batch.Tubes.Select(t => t.TubeId).ToList();
        var tubes = await db.Tubes.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        batch.Complete(tubes, time.GetUtcNow(), command.Actor, command.OverrideReason);
        await db.SaveAsync(batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

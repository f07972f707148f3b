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
        var batch = await Inactivations.FindAsync(db, command.Code, cancellationToken);
        var ids = batch.Tubes.Select(t => t.TubeId).ToList();
        var tubes = await db.Tubes.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        batch.Complete(tubes, time.GetUtcNow(), command.Actor, command.OverrideReason);
        await Inactivations.SaveAsync(db, batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

public sealed record GetInactivation(string Code) : IQuery<InactivationView?>;

public sealed class GetInactivationHandler(ILimsDbContext db) : IQueryHandler<GetInactivation, InactivationView?>
{
    public async ValueTask<InactivationView?> Handle(GetInactivation query, CancellationToken cancellationToken)
    {
        if (!Domain.Tubes.Barcode.TryCreate(query.Code, out var code, out _)) return null;
        var batch = await db.InactivationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken);
        return batch is null ? null : InactivationView.From(batch);
    }
}

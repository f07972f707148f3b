using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Inactivation;

/// <summary>
/// Ends a batch's run and inactivates its tubes. A run shorter than its method requires needs
/// <paramref name="OverrideReason"/> and the electronic signature of a senior reviewer who did not start the batch
/// (<paramref name="UserName"/> and <paramref name="Password"/> re-entered), checked like a review signature; a run long
/// enough needs neither.
/// </summary>
public sealed record CompleteInactivation(string Code, string? OverrideReason, string Actor, string? UserName = null, string? Password = null)
    : ICommand<InactivationView>, ISignedCommand
{
    string ISignedCommand.UserName => UserName ?? "";

    string ISignedCommand.Password => Password ?? "";

    bool ISignedCommand.IsSigned => UserName is not null || Password is not null;
}

/// <summary>An override is a reason and a signature together: either part alone is refused on the field that is missing.</summary>
public sealed class CompleteInactivationValidator : AbstractValidator<CompleteInactivation>
{
    public CompleteInactivationValidator()
    {
        RuleFor(c => c.OverrideReason).MaximumLength(500).OverridePropertyName("overrideReason");
        RuleFor(c => c.OverrideReason).NotEmpty().When(c => c.UserName is not null || c.Password is not null)
            .WithMessage("A signed override says why the short run is accepted.").OverridePropertyName("overrideReason");
        RuleFor(c => c.UserName).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.OverrideReason) || c.Password is not null)
            .WithMessage("A short run's override is signed by a senior reviewer: their user name.").OverridePropertyName("userName");
        RuleFor(c => c.Password).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.OverrideReason) || c.UserName is not null)
            .WithMessage("A short run's override is signed by a senior reviewer: their password, re-entered.").OverridePropertyName("password");
    }
}

public sealed class CompleteInactivationHandler(ILimsDbContext db, Signatures signatures, TimeProvider time) : ICommandHandler<CompleteInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(CompleteInactivation command, CancellationToken cancellationToken)
    {
        var batch = await db.InactivationBatches.InactivationBatchAsync(command.Code, cancellationToken);
        var ids = batch.Tubes.Select(t => t.TubeId).ToList();
        var tubes = await db.Tubes.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        batch.Complete(tubes, time.GetUtcNow(), command.Actor, command.OverrideReason, signatures.Find(command));
        await db.SaveAsync(batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

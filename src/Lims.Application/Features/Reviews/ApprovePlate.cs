using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Mediator;

namespace Lims.Application.Features.Reviews;

/// <summary>
/// Approves the plate with the reviewer's electronic signature (the password re-entered): the first approval approves
/// its negatives, a second one by a different senior reviewer its positives. The approved tubes become reviewed.
/// </summary>
public sealed record ApprovePlate(string Plate, string UserName, string Password) : ICommand<PlateReviewView>, ISignedCommand;

public sealed class ApprovePlateValidator : AbstractValidator<ApprovePlate>
{
    public ApprovePlateValidator() => RuleFor(c => c.Password).NotEmpty().WithMessage("Sign with your password.").OverridePropertyName("password");
}

public sealed class ApprovePlateHandler(ILimsDbContext db, Signatures signatures, TimeProvider time) : ICommandHandler<ApprovePlate, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(ApprovePlate command, CancellationToken cancellationToken)
    {
        var review = await db.ReviewOfPlateAsync(db.PlateReviews, command.Plate, cancellationToken);
        review.Approve(signatures.Of(command), time.GetUtcNow());
        return await ReviewViews.SaveAsync(db, review, cancellationToken);
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;

namespace Lims.Application.Features.Reviews;

/// <summary>Sends tubes of the review back to retest on a new plate, with a reason; a positive pool sent back needs no recall any more.</summary>
public sealed record SendToRetest(string Plate, IReadOnlyList<string> Tubes, string Reason, string UserName) : ICommand<PlateReviewView>;

public sealed class SendToRetestValidator : AbstractValidator<SendToRetest>
{
    public SendToRetestValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Sending tubes back to retest says why.").OverridePropertyName("reason");
        RuleForEach(c => c.Tubes).Custom((code, context) =>
        {
            if (!Barcode.TryParse(code, out _)) context.AddFailure("tubes", $"{code}: {Barcode.Check(code) ?? Barcode.Rule}");
        });
    }
}

public sealed class SendToRetestHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<SendToRetest, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(SendToRetest command, CancellationToken cancellationToken)
    {
        var review = await db.ReviewOfPlateAsync(db.PlateReviews, command.Plate, cancellationToken);
        var signer = await db.SignerAsync(command.UserName, cancellationToken);
        review.SendToRetest(signer, [.. command.Tubes.Select(Barcode.Parse)], command.Reason, time.GetUtcNow());
        return await ReviewViews.SaveAsync(db, review, cancellationToken);
    }
}

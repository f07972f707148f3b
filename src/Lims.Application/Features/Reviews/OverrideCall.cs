using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Mediator;

namespace Lims.Application.Features.Reviews;

/// <summary>
/// Changes one tube's call (positive ↔ negative) before the first approval, signed, with a mandatory reason. The tube's
/// call follows; a pool overridden to negative needs no recall any more, one overridden to positive gets one.
/// </summary>
public sealed record OverrideCall(string Plate, string Tube, string Call, string Reason, string UserName, string Password)
    : ICommand<PlateReviewView>, ISignedCommand;

public sealed class OverrideCallValidator : AbstractValidator<OverrideCall>
{
    public OverrideCallValidator()
    {
        RuleFor(c => c.Tube).Custom((tube, context) =>
        {
            if (!Barcode.TryParse(tube, out _)) context.AddFailure("tube", Barcode.Check(tube) ?? Barcode.Rule);
        });
        RuleFor(c => c.Call).Must(c => OverrideCallHandler.Parse(c) is not null)
            .WithMessage("A call is overridden to 'positive' or 'negative'.").OverridePropertyName("call");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("An override says why.").OverridePropertyName("reason");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Sign with your password.").OverridePropertyName("password");
    }
}

public sealed class OverrideCallHandler(ILimsDbContext db, Signatures signatures, TimeProvider time) : ICommandHandler<OverrideCall, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(OverrideCall command, CancellationToken cancellationToken)
    {
        var review = await db.ReviewOfPlateAsync(db.PlateReviews, command.Plate, cancellationToken);
        review.Override(signatures.Of(command), Barcode.Parse(command.Tube), Parse(command.Call)!.Value, command.Reason, time.GetUtcNow());
        return await ReviewViews.SaveAsync(db, review, cancellationToken);
    }

    /// <summary>Only a final call is an override: positive or negative (case and spaces aside).</summary>
    internal static TubeCall? Parse(string? call) =>
        Wire.Parse<TubeCall>(call?.Trim().ToLowerInvariant()) is { } parsed and (TubeCall.Positive or TubeCall.Negative) ? parsed : null;
}

using Lims.Domain.Common;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Receiving;

/// <summary>The lab refuses a tube at receipt for one of the fixed reasons; the submitter sees the reason.</summary>
public sealed record RejectTube(string Tube, string Reason, string? Note, string Actor) : ICommand<RejectedTube>;

public sealed record RejectedTube(string Tube, string Status, string Reason, string? Note);

public sealed class RejectTubeValidator : AbstractValidator<RejectTube>
{
    public RejectTubeValidator()
    {
        RuleFor(c => c.Reason).Must(r => Wire.Parse<RejectionReason>(r) is not null)
            .WithMessage($"The reason is one of: {string.Join(", ", Enum.GetValues<RejectionReason>().Select(r => r.ToWire()))}.")
            .OverridePropertyName("reason");
        RuleFor(c => c.Note).NotEmpty().When(c => c.Reason == RejectionReason.Other.ToWire())
            .WithMessage("A rejection for another reason says what it is.").OverridePropertyName("note");
        RuleFor(c => c.Note).MaximumLength(300).OverridePropertyName("note");
    }
}

public sealed class RejectTubeHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<RejectTube, RejectedTube>
{
    public async ValueTask<RejectedTube> Handle(RejectTube command, CancellationToken cancellationToken)
    {
        var tube = await db.Tubes.TubeAsync(command.Tube, cancellationToken);
        var reason = Wire.Parse<RejectionReason>(command.Reason)!.Value;
        tube.Reject(reason, command.Note, time.GetUtcNow(), command.Actor);
        await db.SaveAsync(tube, cancellationToken);
        return new RejectedTube(tube.Barcode.Value, tube.Status.ToWire(), reason.ToWire(), command.Note);
    }
}

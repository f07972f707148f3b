using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Staff;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>
/// A signed-in user changes their own password, signing the change with the current one (checked like every signature,
/// before the transaction: a wrong one is refused, recorded and counted towards the lockout). Every token of the account,
/// the one used here too, is refused from then on: the user signs in again with the new password.
/// </summary>
public sealed record ChangeOwnPassword(string UserName, string Password, string NewPassword) : ICommand, ISignedCommand;

public sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(c => c.Password).NotEmpty().WithMessage("Give your current password.").OverridePropertyName("currentPassword");
        RuleFor(c => c.NewPassword).AcceptablePassword(c => c.UserName).OverridePropertyName("newPassword");
        RuleFor(c => c.NewPassword).NotEqual(c => c.Password).WithMessage("The new password is the current one.").OverridePropertyName("newPassword");
    }
}

public sealed class ChangeOwnPasswordHandler(ILimsDbContext db, IStaffAccounts accounts, Signatures signatures) : ICommandHandler<ChangeOwnPassword>
{
    public async ValueTask<Unit> Handle(ChangeOwnPassword command, CancellationToken cancellationToken)
    {
        var user = await db.StaffUserAsync(signatures.Of(command).UserName, cancellationToken);
        user.ChangePassword(accounts.HashPassword(command.NewPassword));
        await db.SaveAsync(user, cancellationToken);
        return Unit.Value;
    }
}

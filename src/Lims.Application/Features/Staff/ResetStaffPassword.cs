using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>
/// An admin (or <c>lims user password</c>) sets a new password for an account, generated when none is given and shown
/// once: its tokens are refused from then on, and its locks after failed sign-ins are lifted. An admin changes their own
/// password as every user does, with the current one (<see cref="ChangeOwnPassword"/>).
/// </summary>
public sealed record ResetStaffPassword(string UserName, string? Password, string Actor) : ICommand<CreatedStaffUser>;

public sealed class ResetStaffPasswordValidator : AbstractValidator<ResetStaffPassword>
{
    public ResetStaffPasswordValidator() =>
        RuleFor(c => c.Password).AcceptablePassword(c => c.UserName).When(c => c.Password is not null).OverridePropertyName("password");
}

public sealed class ResetStaffPasswordHandler(ILimsDbContext db, IStaffAccounts accounts) : ICommandHandler<ResetStaffPassword, CreatedStaffUser>
{
    public async ValueTask<CreatedStaffUser> Handle(ResetStaffPassword command, CancellationToken cancellationToken)
    {
        var user = await db.StaffUserAsync(command.UserName, cancellationToken);
        user.NotOwnAccount(command.Actor, "reset the password of");
        var password = command.Password ?? PasswordPolicy.Generate();
        user.ChangePassword(accounts.HashPassword(password));
        await db.SignInFailures.Where(f => f.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveAsync(user, cancellationToken);
        return new CreatedStaffUser(StaffUserView.Of(user, []), password);
    }
}

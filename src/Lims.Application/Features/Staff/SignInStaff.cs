using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Staff;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>
/// A staff sign-in from the current origin: the account when the password is right. Not one transaction: each attempt is
/// counted in one statement of its own and written to the audit trail, refused ones too, whatever becomes of the command.
/// </summary>
public sealed record SignInStaff(string UserName, string Password) : ICommand<StaffUser>, INonTransactional;

public sealed class SignInStaffHandler(IStaffAccounts accounts) : ICommandHandler<SignInStaff, StaffUser>
{
    public async ValueTask<StaffUser> Handle(SignInStaff command, CancellationToken cancellationToken) =>
        await accounts.SignInAsync(command.UserName, command.Password, cancellationToken);
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Staff;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>
/// Gives an account another role (an admin, or <c>lims user role</c>); its tokens are refused from then on, so the user
/// signs in again with the new role. The same role again changes nothing. An admin does not change their own role over the API.
/// </summary>
public sealed record ChangeStaffRole(string UserName, string Role, string Actor) : ICommand<StaffUserView>;

public sealed class ChangeStaffRoleValidator : AbstractValidator<ChangeStaffRole>
{
    public ChangeStaffRoleValidator() =>
        RuleFor(c => c.Role).Must(r => StaffRoles.TryParse(r, out _)).WithMessage(c => $"'{c.Role}' is not a role: {StaffRoles.Wires}.").OverridePropertyName("role");
}

public sealed class ChangeStaffRoleHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ChangeStaffRole, StaffUserView>
{
    public async ValueTask<StaffUserView> Handle(ChangeStaffRole command, CancellationToken cancellationToken)
    {
        StaffRoles.TryParse(command.Role, out var role);
        var user = await db.StaffUserAsync(command.UserName, cancellationToken);
        user.NotOwnAccount(command.Actor, "change the role of");
        if (user.Role != role)
        {
            user.ChangeRole(role);
            await db.SaveAsync(user, cancellationToken);
        }
        return await db.ViewAsync(user, time.GetUtcNow(), cancellationToken);
    }
}

using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>Signs a user out: every token of the account (on every device) is refused from then on.</summary>
public sealed record SignOutStaff(string UserName) : ICommand;

public sealed class SignOutStaffHandler(ILimsDbContext db, IAuditTrail audit) : ICommandHandler<SignOutStaff>
{
    public async ValueTask<Unit> Handle(SignOutStaff command, CancellationToken cancellationToken)
    {
        var user = await db.StaffUserAsync(command.UserName, cancellationToken);
        user.EndTokens();
        audit.Record("signed-out", "staff-user", user.UserName);
        await db.SaveAsync(user, cancellationToken);
        return Unit.Value;
    }
}

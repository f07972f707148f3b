using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>
/// Disables an account (an admin, or <c>lims user disable</c>): it signs in no more and its tokens are refused at once.
/// Disabling a disabled account changes nothing. An admin does not disable their own account over the API.
/// </summary>
public sealed record DisableStaffUser(string UserName, string Actor) : ICommand<StaffUserView>;

public sealed class DisableStaffUserHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<DisableStaffUser, StaffUserView>
{
    public async ValueTask<StaffUserView> Handle(DisableStaffUser command, CancellationToken cancellationToken)
    {
        var user = await db.StaffUserAsync(command.UserName, cancellationToken);
        user.NotOwnAccount(command.Actor, "disable");
        var now = time.GetUtcNow();
        if (!user.IsDisabled)
        {
            user.Disable(now);
            await db.SaveAsync(user, cancellationToken);
        }
        return await db.ViewAsync(user, now, cancellationToken);
    }
}

using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>Enables a disabled account again (its old tokens stay refused: the user signs in anew). An enabled account is left as it is.</summary>
public sealed record EnableStaffUser(string UserName, string Actor) : ICommand<StaffUserView>;

public sealed class EnableStaffUserHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<EnableStaffUser, StaffUserView>
{
    public async ValueTask<StaffUserView> Handle(EnableStaffUser command, CancellationToken cancellationToken)
    {
        var user = await db.StaffUserAsync(command.UserName, cancellationToken);
        if (user.IsDisabled)
        {
            user.Enable();
            await db.SaveAsync(user, cancellationToken);
        }
        return await db.ViewAsync(user, time.GetUtcNow(), cancellationToken);
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>
/// First start of the embedded default: one account per role (technician, reviewer, senior-reviewer, admin) so
/// the lab can be tried at once. Answers the accounts with their passwords when it created them, none otherwise.
/// </summary>
public sealed record EnsureStaffAccounts : ICommand<IReadOnlyList<CreatedStaffUser>>;

public sealed class EnsureStaffAccountsHandler(ILimsDbContext db, ISender sender) : ICommandHandler<EnsureStaffAccounts, IReadOnlyList<CreatedStaffUser>>
{
    public async ValueTask<IReadOnlyList<CreatedStaffUser>> Handle(EnsureStaffAccounts command, CancellationToken cancellationToken)
    {
        if (await db.StaffUsers.AnyAsync(cancellationToken)) return [];
        List<CreatedStaffUser> created = [];
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            try
            {
                created.Add(await sender.Send(new CreateStaffUser(role.ToWire(), null, role.ToWire(), null, "system:seed"), cancellationToken));
            }
            catch (ConflictException)
            {
                // another process seeded it first
            }
        }
        return created;
    }
}

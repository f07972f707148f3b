using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>
/// First start of the embedded default: one account per role (technician, reviewer, senior-reviewer, admin) and a second
/// senior reviewer (<c>senior-reviewer-2</c>), so the lab can be tried at once, positives' two signatures included.
/// Answers the accounts with their passwords when it created them, none otherwise.
/// </summary>
public sealed record EnsureStaffAccounts : ICommand<IReadOnlyList<CreatedStaffUser>>;

public sealed class EnsureStaffAccountsHandler(ILimsDbContext db, ISender sender) : ICommandHandler<EnsureStaffAccounts, IReadOnlyList<CreatedStaffUser>>
{
    public static readonly IReadOnlyList<(string Name, StaffRole Role)> Seeded =
    [
        (StaffRole.Technician.ToWire(), StaffRole.Technician),
        (StaffRole.Reviewer.ToWire(), StaffRole.Reviewer),
        (StaffRole.SeniorReviewer.ToWire(), StaffRole.SeniorReviewer),
        (StaffRole.SeniorReviewer.ToWire() + "-2", StaffRole.SeniorReviewer),
        (StaffRole.Admin.ToWire(), StaffRole.Admin),
    ];

    public async ValueTask<IReadOnlyList<CreatedStaffUser>> Handle(EnsureStaffAccounts command, CancellationToken cancellationToken)
    {
        if (await db.StaffUsers.AnyAsync(cancellationToken)) return [];
        List<CreatedStaffUser> created = [];
        foreach (var (name, role) in Seeded)
        {
            try
            {
                created.Add(await sender.Send(new CreateStaffUser(name, null, role.ToWire(), null, "system:seed"), cancellationToken));
            }
            catch (ConflictException)
            {
                // another process seeded it first
            }
        }
        return created;
    }
}

using Lims.Domain.Common;
using Lims.Domain.Staff;

namespace Lims.Application.Features.Staff;

/// <summary>A staff account as screens and the CLI show it (never its password hash).</summary>
public sealed record StaffUserView(string UserName, string DisplayName, string Role, bool LockedOut, DateTimeOffset CreatedAt)
{
    public static StaffUserView Of(StaffUser user, DateTimeOffset now) =>
        new(user.UserName, user.DisplayName, user.Role.ToWire(), user.LockoutEnd > now, user.CreatedAt);
}

/// <summary>An account just created, with its password: shown once.</summary>
public sealed record CreatedStaffUser(StaffUserView User, string Password);

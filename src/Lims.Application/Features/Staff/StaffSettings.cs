using Lims.Domain.Staff;

namespace Lims.Application.Features.Staff;

/// <summary>
/// Sign-in limits: attempts in a row that lock an account for an origin, and for how long (<c>Lims:Staff:MaxFailedSignIns</c>,
/// <c>Lims:Staff:LockoutMinutes</c>); sign-ins per user name and minute, from anywhere (<c>Lims:Staff:SignInsPerAccountPerMinute</c>).
/// </summary>
public sealed record StaffSettings(LockoutPolicy Lockout, int SignInsPerAccountPerMinute)
{
    public static readonly StaffSettings Default = new(LockoutPolicy.Default, 10);
}

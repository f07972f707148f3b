using Lims.Application.Abstractions;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>
/// Whether a staff token still stands for its account, on every request: the account exists, is not disabled, is not
/// locked for the request's origin, and its security stamp is the one the token was given with (a password or role
/// change, a sign-out, disabling change it). The account as it is now, or null. One primary-key read.
/// </summary>
public sealed record AuthenticateStaffToken(Guid UserId, string SecurityStamp, string Origin) : IQuery<StaffPrincipal?>;

/// <summary>The account a valid token stands for.</summary>
public sealed record StaffPrincipal(StaffUserId Id, string UserName, StaffRole Role);

public sealed class AuthenticateStaffTokenHandler(ILimsDbContext db, TimeProvider time) : IQueryHandler<AuthenticateStaffToken, StaffPrincipal?>
{
    public async ValueTask<StaffPrincipal?> Handle(AuthenticateStaffToken query, CancellationToken cancellationToken)
    {
        var id = new StaffUserId(query.UserId);
        var locked = SignInFailures.LockedRule.With(time.GetUtcNow());
        var account = await db.StaffUsers.AsNoTracking()
            .Where(u => u.Id == id && u.SecurityStamp == query.SecurityStamp && u.DisabledAt == null)
            .Select(u => new
            {
                u.UserName,
                u.Role,
                Locked = db.SignInFailures.Where(f => f.UserId == u.Id && f.Origin == query.Origin).Any(locked),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return account is null || account.Locked ? null : new StaffPrincipal(id, account.UserName, account.Role);
    }
}

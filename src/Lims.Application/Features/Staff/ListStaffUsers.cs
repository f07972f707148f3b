using Lims.Application.Abstractions;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>Every staff account, by name.</summary>
public sealed record ListStaffUsers : IQuery<IReadOnlyList<StaffUserView>>;

public sealed class ListStaffUsersHandler(ILimsDbContext db, TimeProvider time) : IQueryHandler<ListStaffUsers, IReadOnlyList<StaffUserView>>
{
    public async ValueTask<IReadOnlyList<StaffUserView>> Handle(ListStaffUsers query, CancellationToken cancellationToken)
    {
        var users = await db.StaffUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var locked = (await db.SignInFailures.AsNoTracking().Where(SignInFailures.LockedRule.With(time.GetUtcNow()))
                .Select(f => new { f.UserId, f.Origin }).ToListAsync(cancellationToken))
            .ToLookup(f => f.UserId, f => f.Origin);
        return [.. users.Select(u => StaffUserView.Of(u, [.. locked[u.Id].Order(StringComparer.Ordinal)]))];
    }
}

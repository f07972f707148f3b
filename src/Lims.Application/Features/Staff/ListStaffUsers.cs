using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>Every staff account.</summary>
public sealed record ListStaffUsers : IQuery<IReadOnlyList<StaffUserView>>;

public sealed class ListStaffUsersHandler(IStaffAccounts accounts, TimeProvider time) : IQueryHandler<ListStaffUsers, IReadOnlyList<StaffUserView>>
{
    public async ValueTask<IReadOnlyList<StaffUserView>> Handle(ListStaffUsers query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await accounts.ListAsync(cancellationToken)).Select(u => StaffUserView.Of(u, now))];
    }
}

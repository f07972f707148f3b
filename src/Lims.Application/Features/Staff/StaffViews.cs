using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>
/// A staff account as screens and the CLI show it (never its password hash): whether it is disabled, and the origins
/// (client addresses) it is locked for now after repeated failures.
/// </summary>
public sealed record StaffUserView(string UserName, string DisplayName, string Role, bool Disabled, IReadOnlyList<string> LockedFrom, DateTimeOffset CreatedAt)
{
    public static StaffUserView Of(StaffUser user, IReadOnlyList<string> lockedFrom) =>
        new(user.UserName, user.DisplayName, user.Role.ToWire(), user.IsDisabled, lockedFrom, user.CreatedAt);
}

/// <summary>An account just created, or its password just reset, with the password: shown once.</summary>
public sealed record CreatedStaffUser(StaffUserView User, string Password);

/// <summary>How the staff use cases find an account and show it.</summary>
internal static class StaffAccountsQueries
{
    /// <summary>The account by its name in any case, tracked; none is a <see cref="NotFoundException"/>.</summary>
    public static async Task<StaffUser> StaffUserAsync(this ILimsDbContext db, string userName, CancellationToken cancellationToken)
    {
        var normalized = StaffUser.Normalize(userName ?? "");
        return await db.StaffUsers.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken)
            ?? throw NotFoundException.Of("staff account", userName);
    }

    /// <summary>The account as shown, with the origins it is locked for now.</summary>
    public static async Task<StaffUserView> ViewAsync(this ILimsDbContext db, StaffUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
        StaffUserView.Of(user, await db.SignInFailures.AsNoTracking().Where(f => f.UserId == user.Id).Where(SignInFailures.LockedRule.With(now))
            .OrderBy(f => f.Origin).Select(f => f.Origin).ToListAsync(cancellationToken));

    /// <summary>Saves a change to an account; another change saved meanwhile is a conflict to send again.</summary>
    public static Task SaveAsync(this ILimsDbContext db, StaffUser user, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(("user-changed", $"The account '{user.UserName}' was changed by someone else at the same time; try again."),
            ("user-exists", $"A user named '{user.UserName}' already exists."), cancellationToken);

    /// <summary>An admin does not disable, demote or reset their own account over the API (the command line, or the own password change, does).</summary>
    public static void NotOwnAccount(this StaffUser user, string actor, string what)
    {
        if (actor == user.Actor)
            throw new ForbiddenException("own-account", $"You may not {what} your own account; another admin may (or `lims user` on the server).");
    }

    /// <summary>The password rules (<see cref="PasswordPolicy"/>) on a password field, with the account's name.</summary>
    public static IRuleBuilderOptions<T, string?> AcceptablePassword<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> userName) =>
        rule.Must((command, password) => PasswordPolicy.Problem(password, userName(command)) is null)
            .WithMessage((command, password) => PasswordPolicy.Problem(password, userName(command)));
}

using Lims.Domain.Common;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Staff;

/// <summary>A staff account as screens and the CLI show it (never its password hash).</summary>
public sealed record StaffUserView(string UserName, string DisplayName, string Role, bool LockedOut, DateTimeOffset CreatedAt)
{
    public static StaffUserView Of(StaffUser user, DateTimeOffset now) =>
        new(user.UserName, user.DisplayName, user.Role.ToWire(), user.LockoutEnd > now, user.CreatedAt);
}

/// <summary>An account just created, with its password: shown once.</summary>
public sealed record CreatedStaffUser(StaffUserView User, string Password);

/// <summary>Creates a staff account (an admin over HTTP, or <c>lims user create</c>). Without a password one is generated.</summary>
public sealed record CreateStaffUser(string UserName, string? DisplayName, string Role, string? Password, string Actor) : ICommand<CreatedStaffUser>;

public sealed class CreateStaffUserValidator : AbstractValidator<CreateStaffUser>
{
    public CreateStaffUserValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().MaximumLength(StaffUser.MaxUserNameLength)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("A user name is letters, digits, '.', '-' or '_'.");
        RuleFor(c => c.Role).Must(r => StaffRoles.TryParse(r, out _)).WithMessage(c => $"'{c.Role}' is not a role: {StaffRoles.Wires}.");
        RuleFor(c => c.Password!).MinimumLength(10).When(c => c.Password is not null)
            .WithMessage("A password has at least 10 characters.");
        RuleFor(c => c.DisplayName).MaximumLength(200);
    }
}

public sealed class CreateStaffUserHandler(IStaffAccounts accounts, TimeProvider time) : ICommandHandler<CreateStaffUser, CreatedStaffUser>
{
    public async ValueTask<CreatedStaffUser> Handle(CreateStaffUser command, CancellationToken cancellationToken)
    {
        StaffRoles.TryParse(command.Role, out var role);
        var (user, password) = await accounts.CreateAsync(command.UserName, command.DisplayName, role, command.Password, command.Actor, cancellationToken);
        return new CreatedStaffUser(StaffUserView.Of(user, time.GetUtcNow()), password);
    }
}

public sealed record ListStaffUsers : IQuery<IReadOnlyList<StaffUserView>>;

public sealed class ListStaffUsersHandler(IStaffAccounts accounts, TimeProvider time) : IQueryHandler<ListStaffUsers, IReadOnlyList<StaffUserView>>
{
    public async ValueTask<IReadOnlyList<StaffUserView>> Handle(ListStaffUsers query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await accounts.ListAsync(cancellationToken)).Select(u => StaffUserView.Of(u, now))];
    }
}

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

/// <summary>A staff sign-in: the account when the password is right (wrong ones count towards lockout).</summary>
public sealed record SignInStaff(string UserName, string Password) : ICommand<StaffUser>, INonTransactional;

public sealed class SignInStaffHandler(IStaffAccounts accounts) : ICommandHandler<SignInStaff, StaffUser>
{
    public async ValueTask<StaffUser> Handle(SignInStaff command, CancellationToken cancellationToken) =>
        await accounts.SignInAsync(command.UserName, command.Password, cancellationToken);
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Staff;
using Mediator;

namespace Lims.Application.Features.Staff;

/// <summary>Creates a staff account (an admin over HTTP, or <c>lims user create</c>). Without a password one is generated.</summary>
public sealed record CreateStaffUser(string UserName, string? DisplayName, string Role, string? Password, string Actor) : ICommand<CreatedStaffUser>;

public sealed class CreateStaffUserValidator : AbstractValidator<CreateStaffUser>
{
    public CreateStaffUserValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().MaximumLength(StaffUser.MaxUserNameLength)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("A user name is letters, digits, '.', '-' or '_'.").OverridePropertyName("userName");
        RuleFor(c => c.Role).Must(r => StaffRoles.TryParse(r, out _)).WithMessage(c => $"'{c.Role}' is not a role: {StaffRoles.Wires}.").OverridePropertyName("role");
        RuleFor(c => c.Password).AcceptablePassword(c => c.UserName).When(c => c.Password is not null).OverridePropertyName("password");
        RuleFor(c => c.DisplayName).MaximumLength(200).OverridePropertyName("displayName");
    }
}

public sealed class CreateStaffUserHandler(ILimsDbContext db, IStaffAccounts accounts, TimeProvider time) : ICommandHandler<CreateStaffUser, CreatedStaffUser>
{
    public async ValueTask<CreatedStaffUser> Handle(CreateStaffUser command, CancellationToken cancellationToken)
    {
        StaffRoles.TryParse(command.Role, out var role);
        var password = command.Password ?? PasswordPolicy.Generate();
        var user = StaffUser.Create(command.UserName, command.DisplayName, role, accounts.HashPassword(password), time.GetUtcNow(), command.Actor);
        db.StaffUsers.Add(user);
        // The unique index on the normalized name decides, not a query first: a concurrent twin loses here.
        await db.SaveAsync(user, cancellationToken);
        return new CreatedStaffUser(StaffUserView.Of(user, []), password);
    }
}

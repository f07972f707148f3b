using System.Security.Cryptography;
using Lims.Domain.Common;

namespace Lims.Domain.Staff;

public readonly record struct StaffUserId(Guid Value)
{
    public static StaffUserId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>What a member of the lab's staff may do. A senior reviewer is also a reviewer.</summary>
public enum StaffRole
{
    // Stored by name: keep the names.
    Technician,
    Reviewer,
    SeniorReviewer,
    Admin,
}

public static class StaffRoles
{
    public static bool TryParse(string? wire, out StaffRole role)
    {
        foreach (var candidate in Enum.GetValues<StaffRole>())
            if (string.Equals(candidate.ToWire(), wire?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), wire?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        role = default;
        return false;
    }

    public static string Wires => string.Join(", ", Enum.GetValues<StaffRole>().Select(r => r.ToWire()));

    /// <summary>Reviewers and senior reviewers review plates.</summary>
    public static bool Reviews(this StaffRole role) => role is StaffRole.Reviewer or StaffRole.SeniorReviewer;
}

/// <summary>
/// A person who signs in to Lims: technicians at the bench, reviewers, senior reviewers, admins. The password is kept
/// as a hash (ASP.NET Core Identity's hasher). The <see cref="SecurityStamp"/> is carried by every token the account is
/// given and changes whenever those tokens must stop working: its password or role changed, it was disabled, it signed
/// out. Failed sign-ins are counted apart, per origin (<see cref="SignInFailures"/>).
/// </summary>
public sealed class StaffUser
{
    public const int MaxUserNameLength = 64;

    private StaffUser() { }

    public StaffUserId Id { get; private set; }
    public string UserName { get; private set; } = "";
    public string NormalizedUserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public StaffRole Role { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public string SecurityStamp { get; private set; } = "";
    public string ConcurrencyStamp { get; private set; } = "";
    /// <summary>When an admin disabled the account: it signs in no more and its tokens are refused.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static StaffUser Create(string userName, string? displayName, StaffRole role, string passwordHash, DateTimeOffset at, string by)
    {
        userName = userName?.Trim() ?? "";
        if (userName.Length is 0 or > MaxUserNameLength || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new DomainException("invalid-user-name", $"A user name is 1 to {MaxUserNameLength} letters, digits, '.', '-' or '_'.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (string.IsNullOrEmpty(passwordHash)) throw new DomainException("password-required", "A staff account has a password.");
        var user = new StaffUser
        {
            Id = StaffUserId.New(), UserName = userName, NormalizedUserName = Normalize(userName),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            Role = role, PasswordHash = passwordHash, CreatedAt = at.ToUniversalTime(), CreatedBy = by,
        };
        user.EndTokens();
        return user;
    }

    /// <summary>How a user name is looked up: in any case.</summary>
    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>The account signs in no more, and every token it holds is refused.</summary>
    public void Disable(DateTimeOffset at)
    {
        if (IsDisabled) throw new DomainException("already-disabled", $"The account '{UserName}' is disabled already.");
        DisabledAt = at.ToUniversalTime();
        EndTokens();
    }

    /// <summary>The account may sign in again (the tokens it held before stay refused).</summary>
    public void Enable()
    {
        if (!IsDisabled) throw new DomainException("not-disabled", $"The account '{UserName}' is not disabled.");
        DisabledAt = null;
        Changed();
    }

    /// <summary>A new role: tokens carry the role they were given with, so they are refused from now on and the user signs in again.</summary>
    public void ChangeRole(StaffRole role)
    {
        if (role == Role) throw new DomainException("same-role", $"The account '{UserName}' is a {role.ToWire()} already.");
        Role = role;
        EndTokens();
    }

    /// <summary>A new password (hashed; its rules are the caller's to check): every token of the old one is refused.</summary>
    public void ChangePassword(string passwordHash)
    {
        if (string.IsNullOrEmpty(passwordHash)) throw new DomainException("password-required", "A staff account has a password.");
        PasswordHash = passwordHash;
        EndTokens();
    }

    /// <summary>Every token the account was given is refused from now on (signing out ends them all).</summary>
    public void EndTokens()
    {
        SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Changed();
    }

    private void Changed() => ConcurrencyStamp = Guid.NewGuid().ToString();

    /// <summary>How the user appears in histories and signatures.</summary>
    public string Actor => ActorOf(UserName);

    public static string ActorOf(string userName) => "user:" + userName;
}

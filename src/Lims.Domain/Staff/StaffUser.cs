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
/// A person who signs in to Lims: technicians at the bench, reviewers, senior reviewers, admins. Passwords
/// are hashed and failed sign-ins lock the account out (ASP.NET Core Identity does both; this class only
/// holds what it stores).
/// </summary>
public sealed class StaffUser
{
    public const int MaxUserNameLength = 64;

    private StaffUser() { }

    public StaffUserId Id { get; private set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string DisplayName { get; private set; } = "";
    public StaffRole Role { get; private set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
    public int AccessFailedCount { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static StaffUser Create(string userName, string? displayName, StaffRole role, DateTimeOffset at, string by)
    {
        userName = userName?.Trim() ?? "";
        if (userName.Length is 0 or > MaxUserNameLength || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new DomainException("invalid-user-name", $"A user name is 1 to {MaxUserNameLength} letters, digits, '.', '-' or '_'.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        return new StaffUser
        {
            Id = StaffUserId.New(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            Role = role, CreatedAt = at.ToUniversalTime(), CreatedBy = by,
        };
    }

    /// <summary>How the user appears in histories and signatures.</summary>
    public string Actor => ActorOf(UserName);

    public static string ActorOf(string userName) => "user:" + userName;
}

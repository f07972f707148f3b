using Lims.Domain.Staff;

namespace Lims.Application.Abstractions;

/// <summary>
/// Staff accounts: hashed passwords and lockout after repeated failures (ASP.NET Core Identity behind it).
/// A signature is a password re-entered for one action: it counts towards lockout like a sign-in.
/// </summary>
public interface IStaffAccounts
{
    /// <summary>Creates the account; when no password is given one is generated. Returns the password to hand over once.</summary>
    Task<(StaffUser User, string Password)> CreateAsync(string userName, string? displayName, StaffRole role, string? password, string by, CancellationToken ct);

    /// <summary>Checks a sign-in; never says whether the user name exists, except that a locked account says so.</summary>
    Task<StaffUser> SignInAsync(string userName, string password, CancellationToken ct);

    /// <summary>The user re-enters their password to sign one action; a wrong one is refused (and counts towards lockout).</summary>
    Task<StaffUser> SignAsync(string userName, string password, CancellationToken ct);

    Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken ct);
}

/// <summary>A sign-in or an electronic signature was refused (answered 401 for a sign-in, 403 for a signature).</summary>
public sealed class SignInRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The caller is known but may not do this (answered 403).</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

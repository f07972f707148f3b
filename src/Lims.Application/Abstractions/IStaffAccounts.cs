using Lims.Domain.Staff;

namespace Lims.Application.Abstractions;

/// <summary>
/// Staff passwords: hashed with ASP.NET Core Identity's hasher, checked at sign-in and for electronic signatures (a
/// password re-entered for one action). Every check costs one password hash, whether the account exists or not; attempts
/// are counted per account and origin (<see cref="SignInFailures"/>) and written to the audit trail, refused ones too.
/// </summary>
public interface IStaffAccounts
{
    /// <summary>The hash of a new password (its rules are the command's validator's, <see cref="PasswordPolicy"/>).</summary>
    string HashPassword(string password);

    /// <summary>
    /// Checks a sign-in. A wrong password, an unknown name, an account disabled or locked for this origin are refused
    /// alike (<see cref="SignInRefusedException"/>, the same code and message); too many attempts for one name in a
    /// minute are a <see cref="RateLimitedException"/>.
    /// </summary>
    Task<StaffUser> SignInAsync(string userName, string password, CancellationToken ct);

    /// <summary>The user re-enters their password to sign one action; a wrong one is refused (<see cref="ForbiddenException"/>) and counts like a sign-in.</summary>
    Task<StaffUser> SignAsync(string userName, string password, CancellationToken ct);
}

/// <summary>
/// A sign-in was refused (answered 401). <see cref="Code"/> and <see cref="Message"/> are the same for every refusal, so
/// the answer never tells a wrong password from an unknown, disabled or locked account; <see cref="Reason"/> says which it
/// was, for the audit trail and the tests, and never reaches the caller.
/// </summary>
public sealed class SignInRefusedException(string code, string message, string reason) : Exception(message)
{
    public const string WrongCredentials = "wrong-credentials";

    public string Code { get; } = code;
    public string Reason { get; } = reason;
}

/// <summary>Too many requests of one kind in a short time (answered 429 with <c>Retry-After</c>).</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The caller is known but may not do this (answered 403).</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

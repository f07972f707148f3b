using System.Threading.RateLimiting;
using Lims.Application.Abstractions;
using Lims.Application.Features.Staff;
using Lims.Domain.Common;
using Lims.Domain.Staff;
using Lims.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Security;

/// <summary>
/// Staff passwords on ASP.NET Core Identity's <see cref="IPasswordHasher{TUser}"/> (PBKDF2). A check never holds a
/// transaction: the attempt is counted in one conditional <c>UPDATE</c> (<see cref="SignInFailures"/>, the rule the
/// domain states) before the password is hashed, so parallel attempts each count and at most the limit's passwords are
/// checked; then the audit event is appended in a transaction of its own. Every check hashes once — against the
/// account's hash, or against a hash of nothing when the account is unknown, disabled or locked — so its time does not
/// tell them apart.
/// </summary>
public sealed class StaffAccounts(
    LimsDbContext db, IPasswordHasher<StaffUser> hasher, UnknownPasswordHash unknown, SignInRateLimiter limiter, StaffSettings settings,
    ICurrentOrigin origin, TimeProvider time, IAuditTrail audit) : IStaffAccounts
{
    private const string Wrong = "The user name or password is wrong.";

    public string HashPassword(string password) => hasher.HashPassword(null!, password);

    public async Task<StaffUser> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var name = StaffUser.Normalize(userName ?? "");
        if (limiter.Refuses(name, out var retryAfter))
            throw new RateLimitedException($"Too many sign-ins for this user name: try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.", retryAfter);
        return await CheckAsync(name, password, "signed-in", reason => new SignInRefusedException(SignInRefusedException.WrongCredentials, Wrong, reason), ct);
    }

    public Task<StaffUser> SignAsync(string userName, string password, CancellationToken ct) =>
        CheckAsync(StaffUser.Normalize(userName ?? ""), password, "signed", reason => reason == Reasons.Locked
            ? new ForbiddenException("locked-out", $"The signature was refused: the account is locked after repeated failures from here, for up to {settings.Lockout.Duration.TotalMinutes:0} minutes.")
            : new ForbiddenException("signature-refused", "The signature was refused: the password is wrong."), ct);

    /// <summary>Checks the password and writes the sign-in or signature to the audit trail, refused ones too (in their own transaction).</summary>
    private async Task<StaffUser> CheckAsync(string name, string? password, string action, Func<string, Exception> refused, CancellationToken ct)
    {
        var user = name.Length == 0 ? null : await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == name, ct);
        var reason = user is null ? Reasons.Unknown : user.IsDisabled ? Reasons.Disabled : null;
        if (user is not null && reason is null && !await CountAttemptAsync(user.Id, ct)) reason = Reasons.Locked;
        // One hash whatever the case, so that the time of the answer says nothing.
        var result = hasher.VerifyHashedPassword(user!, reason is null ? user!.PasswordHash : unknown.Hash, password ?? "");
        if (reason is null && result == PasswordVerificationResult.Failed) reason = Reasons.WrongPassword;
        if (reason is not null)
        {
            await audit.AppendNowAsync(action + "-refused", "staff-user", name.Length == 0 ? "(none)" : user?.UserName ?? Truncate(name), reason: reason, cancellationToken: ct);
            throw refused(reason);
        }
        // A right password starts the count from this origin again.
        await db.SignInFailures.Where(f => f.UserId == user!.Id && f.Origin == origin.Name).ExecuteDeleteAsync(ct);
        await audit.AppendNowAsync(action, "staff-user", user!.UserName, after: new { role = user.Role.ToWire() }, cancellationToken: ct);
        return user;
    }

    /// <summary>
    /// Counts an attempt from this origin unless the account is locked for it: one statement, so attempts at the same time
    /// each count (the database serializes them on the row). False when the account is locked for this origin.
    /// </summary>
    private async Task<bool> CountAttemptAsync(StaffUserId user, CancellationToken ct)
    {
        var step = settings.Lockout.At(time.GetUtcNow());
        var row = db.SignInFailures.Where(f => f.UserId == user && f.Origin == origin.Name);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await row.Where(SignInFailures.LockedRule.NotWith(step.Now)).ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.Attempts, SignInFailures.NextAttempts.With(step))
                    .SetProperty(f => f.LockedUntil, SignInFailures.NextLockedUntil.With(step))
                    .SetProperty(f => f.LastAttemptAt, step.Now), ct) == 1)
                return true;
            if (await row.AnyAsync(ct)) return false;
            var first = SignInFailures.First(user, origin.Name, step);
            db.SignInFailures.Add(first);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // The first attempt of a twin from the same origin made the row meanwhile: count on it.
                db.Entry(first).State = EntityState.Detached;
            }
        }
        return false;
    }

    private static string Truncate(string name) => name.Length > StaffUser.MaxUserNameLength ? name[..StaffUser.MaxUserNameLength] : name;

    /// <summary>Why an attempt was refused, as the audit trail records it (the caller is told none of them).</summary>
    private static class Reasons
    {
        public const string WrongPassword = "wrong-credentials";
        public const string Unknown = "unknown-user";
        public const string Disabled = "disabled";
        public const string Locked = "locked-out";
    }
}

/// <summary>A hash of a random password nobody knows, checked in place of a missing, disabled or locked account's: the same cost as a real one.</summary>
public sealed class UnknownPasswordHash(IPasswordHasher<StaffUser> hasher)
{
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(null!, PasswordPolicy.Generate()));

    public string Hash => _hash.Value;
}

/// <summary>
/// Sign-ins per user name and minute, from anywhere (<see cref="StaffSettings.SignInsPerAccountPerMinute"/>), counted in
/// this process: a fixed window per name, known or not (so that the answer does not tell them apart).
/// </summary>
public sealed class SignInRateLimiter(StaffSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.SignInsPerAccountPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>True when the name has had its sign-ins for this minute; <paramref name="retryAfter"/> says when to try again.</summary>
    public bool Refuses(string normalizedName, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(normalizedName);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return !lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

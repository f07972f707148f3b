using Lims.Domain.Common;

namespace Lims.Domain.Staff;

/// <summary>How many attempts in a row lock an account for an origin, and for how long.</summary>
public sealed record LockoutPolicy(int MaxAttempts, TimeSpan Duration)
{
    public static readonly LockoutPolicy Default = new(5, TimeSpan.FromMinutes(15));

    public LockoutStep At(DateTimeOffset now) => new(MaxAttempts, now, now + Duration);
}

/// <summary>The arguments of one attempt's count: the limit, the time, and the end of the lock it would start.</summary>
public readonly record struct LockoutStep(int MaxAttempts, DateTimeOffset Now, DateTimeOffset LockUntil);

/// <summary>
/// The sign-ins and signatures of one account from one origin (a client address) that no right password has followed
/// yet. An attempt is counted before its password is checked, and only while the account is not locked for that origin:
/// the attempt that reaches the limit locks it there until <see cref="LockedUntil"/>, and the attempts made meanwhile are
/// refused unchecked, so no burst gets more than the limit's passwords checked. A right password forgets the row. The
/// lock is the origin's: whoever fails elsewhere cannot lock the account out for its user.
/// </summary>
public sealed class SignInFailures
{
    private SignInFailures() { }

    public StaffUserId UserId { get; private set; }
    public string Origin { get; private set; } = "";
    public int Attempts { get; private set; }
    public DateTimeOffset LastAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public const int MaxOriginLength = 64;

    /// <summary>The account is locked for the origin: an attempt is refused unchecked (and not counted).</summary>
    public static readonly Rule<SignInFailures, DateTimeOffset> LockedRule = new((f, now) => f.LockedUntil != null && f.LockedUntil > now);

    /// <summary>The count after one more attempt on an open row: a lock that ran out starts the count again.</summary>
    public static readonly Formula<SignInFailures, LockoutStep, int> NextAttempts = new((f, s) => f.LockedUntil != null ? 1 : f.Attempts + 1);

    /// <summary>The attempt that reaches the limit locks the account for the origin.</summary>
    public static readonly Formula<SignInFailures, LockoutStep, DateTimeOffset?> NextLockedUntil =
        new((f, s) => (f.LockedUntil != null ? 1 : f.Attempts + 1) >= s.MaxAttempts ? s.LockUntil : null);

    /// <summary>The first attempt from an origin.</summary>
    public static SignInFailures First(StaffUserId user, string origin, LockoutStep step)
    {
        if (string.IsNullOrEmpty(origin) || origin.Length > MaxOriginLength)
            throw new DomainException("invalid-origin", $"An origin has 1 to {MaxOriginLength} characters.");
        return new SignInFailures
        {
            UserId = user, Origin = origin, Attempts = 1, LastAttemptAt = step.Now,
            LockedUntil = 1 >= step.MaxAttempts ? step.LockUntil : null,
        };
    }

    public bool IsLockedAt(DateTimeOffset now) => LockedRule.IsMetBy(this, now);

    /// <summary>Counts one more attempt unless the account is locked for the origin (the database does the same in one statement).</summary>
    public bool TryCount(LockoutStep step)
    {
        if (IsLockedAt(step.Now)) return false;
        (Attempts, LockedUntil) = (NextAttempts.Of(this, step), NextLockedUntil.Of(this, step));
        LastAttemptAt = step.Now;
        return true;
    }
}

using Lims.Domain.Common;
using Lims.Domain.Staff;

namespace Lims.Domain.Tests.Staff;

/// <summary>The password rules, the account's security stamp, and the count of attempts per origin.</summary>
public sealed class CredentialRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", "at least 12 characters")]
    [InlineData("elevenchars", "at least 12 characters")]
    [InlineData("zzzzzzzzzzzzzzzz", "one character repeated")]
    [InlineData("password1234", "too common")]
    [InlineData("Password2026!", "too common")]
    [InlineData("  QWERTYUIOP!!  ", "too common")]
    [InlineData("correct horse battery staple", "too common")]
    [InlineData("li.wei.reviewer", "the user name")]
    public void A_password_that_breaks_a_rule_is_refused_with_the_rule(string password, string expected)
    {
        Assert.Contains(expected, PasswordPolicy.Problem(password, "li.wei.reviewer"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plum orchard evening tide")]
    [InlineData("correct horse battery")]
    [InlineData("Tr4m-Lane-Quiet")]
    public void A_long_uncommon_password_is_accepted(string password) => Assert.Null(PasswordPolicy.Problem(password, "li.wei"));

    [Fact]
    public void A_password_longer_than_the_maximum_is_refused_rather_than_hashed() =>
        Assert.Contains("at most", PasswordPolicy.Problem(string.Concat(Enumerable.Repeat("abcdefgh", 17))), StringComparison.Ordinal);

    [Fact]
    public void Generated_passwords_follow_the_rules_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordPolicy.Generate()).ToList();

        Assert.All(passwords, p => Assert.Null(PasswordPolicy.Problem(p)));
        Assert.All(passwords, p => Assert.Equal(PasswordPolicy.GeneratedLength, p.Length));
        Assert.Equal(50, passwords.Distinct().Count());
    }

    [Fact]
    public void Disabling_a_role_or_password_change_and_signing_out_each_renew_the_security_stamp()
    {
        var user = StaffUser.Create("li.wei", null, StaffRole.Reviewer, "hash", Now, "cli");
        var stamps = new List<string> { user.SecurityStamp };

        user.ChangeRole(StaffRole.SeniorReviewer);
        stamps.Add(user.SecurityStamp);
        user.ChangePassword("another hash");
        stamps.Add(user.SecurityStamp);
        user.EndTokens();
        stamps.Add(user.SecurityStamp);
        user.Disable(Now);
        stamps.Add(user.SecurityStamp);
        user.Enable();

        Assert.Equal(5, stamps.Distinct().Count());
        Assert.Equal(stamps[^1], user.SecurityStamp);
        Assert.Equal("same-role", Assert.Throws<DomainException>(() => user.ChangeRole(StaffRole.SeniorReviewer)).Code);
        Assert.Equal("not-disabled", Assert.Throws<DomainException>(user.Enable).Code);
        Assert.Equal("password-required", Assert.Throws<DomainException>(() => user.ChangePassword("")).Code);
    }

    [Fact]
    public void The_attempt_that_reaches_the_limit_locks_the_origin_and_later_ones_are_not_counted_until_the_lock_runs_out()
    {
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(15));
        var failures = SignInFailures.First(StaffUserId.New(), "10.0.0.1", policy.At(Now));

        Assert.True(failures.TryCount(policy.At(Now.AddSeconds(1))));
        Assert.False(failures.IsLockedAt(Now.AddSeconds(1)));
        Assert.True(failures.TryCount(policy.At(Now.AddSeconds(2))));

        Assert.Equal(3, failures.Attempts);
        Assert.Equal(Now.AddSeconds(2).AddMinutes(15), failures.LockedUntil);
        Assert.False(failures.TryCount(policy.At(Now.AddMinutes(1))));
        Assert.Equal(3, failures.Attempts);
        // Run out: the next attempt starts the count again.
        Assert.True(failures.TryCount(policy.At(Now.AddMinutes(20))));
        Assert.Equal((1, (DateTimeOffset?)null), (failures.Attempts, failures.LockedUntil));
    }
}

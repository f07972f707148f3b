using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Domain.Staff;
using Lims.Domain.Submitters;

namespace Lims.Application.Tests.Staff;

/// <summary>
/// The staff account use cases: disabling, roles, passwords, signing out and what a token is checked against; attempts
/// counted at once; the seeded accounts; API keys listed and revoked.
/// </summary>
public abstract class CredentialTests(LimsApp app)
{
    private const string Password = "correct horse battery";
    private const string Admin = "user:an-admin";

    private async Task<StaffUser> NewAccountAsync(string role = "technician")
    {
        var name = "acc-" + Guid.NewGuid().ToString("N")[..8];
        await app.SendAsync(new CreateStaffUser(name, null, role, Password, "cli"));
        return await app.WithDbAsync(db => db.StaffUsers.AsNoTracking().SingleAsync(u => u.UserName == name));
    }

    private Task<StaffPrincipal?> TokenAsync(StaffUser user) =>
        app.SendAsync(new AuthenticateStaffToken(user.Id.Value, user.SecurityStamp, CurrentOrigin.Local));

    private Task<SignInRefusedException> RefusedAsync(string name, string password) =>
        Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, password)));

    [Fact]
    public async Task A_disabled_account_signs_in_no_more_its_token_is_refused_and_enabled_again_it_signs_in()
    {
        var user = await NewAccountAsync();
        Assert.NotNull(await TokenAsync(user));

        var disabled = await app.SendAsync(new DisableStaffUser(user.UserName, Admin), Admin);

        Assert.True(disabled.Disabled);
        Assert.Null(await TokenAsync(user));
        var refused = await RefusedAsync(user.UserName, Password);
        Assert.Equal(("wrong-credentials", "disabled"), (refused.Code, refused.Reason));
        Assert.True((await app.SendAsync(new DisableStaffUser(user.UserName, Admin))).Disabled);
        Assert.False((await app.SendAsync(new EnableStaffUser(user.UserName, Admin), Admin)).Disabled);
        Assert.Equal(user.UserName, (await app.SendAsync(new SignInStaff(user.UserName, Password))).UserName);
        Assert.Null(await TokenAsync(user));
        var changes = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "staff-user" && e.EntityId == user.UserName && e.Action == "changed").Select(e => e.Actor).ToListAsync());
        Assert.Equal([Admin, Admin], changes);
    }

    [Fact]
    public async Task A_role_change_ends_the_tokens_and_the_same_role_or_the_own_account_changes_nothing()
    {
        var user = await NewAccountAsync("reviewer");

        Assert.Equal("reviewer", (await app.SendAsync(new ChangeStaffRole(user.UserName, "reviewer", Admin))).Role);
        Assert.NotNull(await TokenAsync(user));
        Assert.Equal("admin", (await app.SendAsync(new ChangeStaffRole(user.UserName, "admin", Admin))).Role);

        Assert.Null(await TokenAsync(user));
        Assert.Equal(StaffRole.Admin, (await app.SendAsync(new SignInStaff(user.UserName, Password))).Role);
        var own = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeStaffRole(user.UserName, "technician", user.Actor)));
        Assert.Equal("own-account", own.Code);
        var bad = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ChangeStaffRole(user.UserName, "boss", Admin)));
        Assert.Equal(["role"], bad.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ChangeStaffRole("nobody-at-all", "admin", Admin)));
    }

    [Fact]
    public async Task An_own_password_change_needs_the_current_one_follows_the_rules_and_ends_the_tokens()
    {
        var user = await NewAccountAsync();
        const string next = "plum orchard evening tide";

        var wrong = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeOwnPassword(user.UserName, "not my password", next)));
        var weak = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ChangeOwnPassword(user.UserName, Password, "short")));
        var same = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ChangeOwnPassword(user.UserName, Password, Password)));

        Assert.Equal("signature-refused", wrong.Code);
        Assert.Equal(["newPassword"], weak.Errors.Keys);
        Assert.Equal(["newPassword"], same.Errors.Keys);
        Assert.NotNull(await TokenAsync(user));
        await app.SendAsync(new ChangeOwnPassword(user.UserName, Password, next));
        Assert.Null(await TokenAsync(user));
        Assert.Equal("wrong-credentials", (await RefusedAsync(user.UserName, Password)).Reason);
        Assert.Equal(user.UserName, (await app.SendAsync(new SignInStaff(user.UserName, next))).UserName);
    }

    [Fact]
    public async Task A_reset_password_is_generated_when_none_is_given_lifts_the_locks_and_ends_the_tokens()
    {
        var user = await NewAccountAsync();
        for (var i = 0; i < 5; i++) await RefusedAsync(user.UserName, "wrong password");
        Assert.Equal("locked-out", (await RefusedAsync(user.UserName, Password)).Reason);

        var weak = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ResetStaffPassword(user.UserName, user.UserName, Admin)));
        var reset = await app.SendAsync(new ResetStaffPassword(user.UserName, null, Admin));

        Assert.Equal(["password"], weak.Errors.Keys);
        Assert.Null(PasswordPolicy.Problem(reset.Password, user.UserName));
        Assert.Null(await TokenAsync(user));
        Assert.Equal(user.UserName, (await app.SendAsync(new SignInStaff(user.UserName, reset.Password))).UserName);
        Assert.Equal("own-account", (await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ResetStaffPassword(user.UserName, null, user.Actor)))).Code);
    }

    [Fact]
    public async Task Signing_out_ends_every_token_of_the_account_and_is_recorded()
    {
        var user = await NewAccountAsync();

        await app.SendAsync(new SignOutStaff(user.UserName));

        Assert.Null(await TokenAsync(user));
        var renewed = await app.WithDbAsync(db => db.StaffUsers.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.NotNull(await TokenAsync(renewed));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.EntityId == user.UserName && e.Action == "signed-out")));
    }

    [Fact]
    public async Task Parallel_wrong_passwords_each_count_and_no_more_than_five_are_checked()
    {
        var user = await NewAccountAsync();

        var refusals = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => RefusedAsync(user.UserName, "wrong password " + i)));

        Assert.Equal((5, 5), (refusals.Count(r => r.Reason == "wrong-credentials"), refusals.Count(r => r.Reason == "locked-out")));
        Assert.All(refusals, r => Assert.Equal("wrong-credentials", r.Code));
        var count = await app.WithDbAsync(db => db.SignInFailures.AsNoTracking().SingleAsync(f => f.UserId == user.Id));
        Assert.Equal((5, CurrentOrigin.Local), (count.Attempts, count.Origin));
        Assert.True(count.IsLockedAt(app.Clock.Now));
    }

    [Fact]
    public async Task More_sign_ins_for_one_name_than_the_limit_a_minute_are_refused_before_any_check()
    {
        var name = "nobody-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < StaffSettings.Default.SignInsPerAccountPerMinute; i++) await RefusedAsync(name, "wrong password");

        var limited = await Assert.ThrowsAsync<RateLimitedException>(() => app.SendAsync(new SignInStaff(name, "wrong password")));
        var recorded = StaffUser.Normalize(name);

        Assert.InRange(limited.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(StaffSettings.Default.SignInsPerAccountPerMinute,
            await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.EntityId == recorded && e.Action == "signed-in-refused")));
    }

    [Fact]
    public async Task The_embedded_default_seeds_two_senior_reviewers_among_its_accounts_each_with_a_password_by_the_rules()
    {
        await using var fresh = await LimsApp.CreateAsync(app.Provider);

        var seeded = await fresh.SendAsync(new EnsureStaffAccounts());

        Assert.Equal(["technician", "reviewer", "senior-reviewer", "senior-reviewer-2", "admin"], seeded.Select(s => s.User.UserName));
        Assert.Equal(2, seeded.Count(s => s.User.Role == "senior-reviewer"));
        foreach (var account in seeded)
        {
            Assert.Null(PasswordPolicy.Problem(account.Password, account.User.UserName));
            Assert.Equal(account.User.UserName, (await fresh.SendAsync(new SignInStaff(account.User.UserName, account.Password))).UserName);
        }
        Assert.Empty(await fresh.SendAsync(new EnsureStaffAccounts()));
    }

    [Fact]
    public async Task Api_keys_are_listed_without_their_secret_and_a_revoked_one_authenticates_nobody()
    {
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        await app.SendAsync(new CreateSubmitter(code, "Hospital " + code, SubmitterKind.Hospital));
        var issued = await app.SendAsync(new CreateApiKey(code));

        var listed = Assert.Single(await app.SendAsync(new ListApiKeys(code)));
        var revoked = await app.SendAsync(new RevokeApiKey(issued.Id));
        var again = await app.SendAsync(new RevokeApiKey(issued.Id));

        Assert.Equal((issued.Id, code, issued.Prefix, (DateTimeOffset?)null), (listed.Id, listed.Submitter, listed.Prefix, listed.RevokedAt));
        Assert.Equal(app.Clock.Now, revoked.RevokedAt);
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
        var hash = ApiKeys.Hash(issued.Key);
        Assert.False(await app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Hash == hash && k.RevokedAt == null)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RevokeApiKey(Guid.NewGuid())));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ListApiKeys("no-such-hospital")));
    }
}

public sealed class SqliteCredentialTests(SqliteApp fixture) : CredentialTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlCredentialTests(PostgreSqlApp fixture) : CredentialTests(fixture.App), IClassFixture<PostgreSqlApp>;

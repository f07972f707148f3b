using Lims.Application.Features.Staff;
using Lims.Domain.Staff;

namespace Lims.Application.Tests.Staff;

/// <summary>Staff accounts: names and passwords by the rules, one account per name, sign-in refused alike for a wrong password or name, lockout.</summary>
public abstract class StaffAccountTests(LimsApp app)
{
    private const string Password = "correct horse battery";

    private static string NewName() => "li.wei-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task An_account_is_created_with_its_role_and_signs_in_with_its_password()
    {
        var name = NewName();

        var created = await app.SendAsync(new CreateStaffUser(name, null, "senior-reviewer", Password, "cli"));
        var user = await app.SendAsync(new SignInStaff(" " + name.ToUpperInvariant() + " ", Password));

        Assert.Equal((name, name, "senior-reviewer", false, app.Clock.Now), (created.User.UserName, created.User.DisplayName, created.User.Role, created.User.Disabled, created.User.CreatedAt));
        Assert.Empty(created.User.LockedFrom);
        Assert.Equal(Password, created.Password);
        Assert.Equal((name, StaffRole.SeniorReviewer, "cli"), (user.UserName, user.Role, user.CreatedBy));
        Assert.Contains(await app.SendAsync(new ListStaffUsers()), u => u.UserName == name && u.Role == "senior-reviewer");
    }

    [Fact]
    public async Task An_account_created_without_a_password_is_given_one_that_signs_in()
    {
        var name = NewName();

        var created = await app.SendAsync(new CreateStaffUser(name, "Li Wei", "technician", null, "admin-1"));

        Assert.Equal(16, created.Password.Length);
        Assert.Equal("Li Wei", created.User.DisplayName);
        Assert.Equal(StaffRole.Technician, (await app.SendAsync(new SignInStaff(name, created.Password))).Role);
    }

    public static TheoryData<string, string, string?, string> BadAccounts => new()
    {
        { "", "technician", Password, "userName" },
        { "li wei", "technician", Password, "userName" },
        { "li/wei", "technician", Password, "userName" },
        { new string('a', StaffUser.MaxUserNameLength + 1), "technician", Password, "userName" },
        { "li.wei-role", "boss", Password, "role" },
        { "li.wei-short", "technician", "short", "password" },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public async Task A_name_role_or_password_that_breaks_the_rules_is_refused_naming_its_field_and_no_account_is_made(
        string userName, string role, string? password, string field)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreateStaffUser(userName, null, role, password, "cli")));

        Assert.Equal([field], refused.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.StaffUsers.CountAsync(u => u.UserName == userName)));
    }

    [Fact]
    public async Task A_second_account_with_the_same_name_in_any_case_is_a_conflict()
    {
        var name = NewName();
        await app.SendAsync(new CreateStaffUser(name, null, "technician", Password, "cli"));

        var same = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new CreateStaffUser(name, null, "admin", "another password", "cli")));
        var upper = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new CreateStaffUser(name.ToUpperInvariant(), null, "admin", "another password", "cli")));

        Assert.All(new[] { same, upper }, e => Assert.Equal("user-exists", e.Code));
        var account = Assert.Single(await app.WithDbAsync(db => db.StaffUsers.AsNoTracking().Where(u => u.NormalizedUserName == name.ToUpperInvariant()).ToListAsync()));
        Assert.Equal(StaffRole.Technician, account.Role);
        await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, "another password")));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_are_refused_alike()
    {
        var name = NewName();
        await app.SendAsync(new CreateStaffUser(name, null, "reviewer", Password, "cli"));

        var wrong = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, "wrong password")));
        var unknown = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(NewName(), "wrong password")));
        var empty = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff("", "")));

        Assert.All(new[] { wrong, unknown, empty }, e => Assert.Equal(("wrong-credentials", "The user name or password is wrong."), (e.Code, e.Message)));
        Assert.Equal(name, (await app.SendAsync(new SignInStaff(name, Password))).UserName);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_for_their_origin_and_then_even_the_right_one_is_refused_alike()
    {
        var name = NewName();
        await app.SendAsync(new CreateStaffUser(name, null, "technician", Password, "cli"));

        var refusals = new List<(string, string)>();
        for (var i = 0; i < 5; i++)
            refusals.Add(Of(await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, "wrong password")))));
        var right = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, Password)));

        // Every refusal answers the same: the caller cannot tell a locked account from a wrong password.
        Assert.All(refusals.Append(Of(right)), r => Assert.Equal(("wrong-credentials", "The user name or password is wrong."), r));
        Assert.Equal("locked-out", right.Reason);
        Assert.Equal([CurrentOrigin.Local], (await app.SendAsync(new ListStaffUsers())).Single(u => u.UserName == name).LockedFrom);
        // Every refusal is in the audit trail with its reason, in its own transaction although the sign-in failed:
        // five passwords were checked (the fifth locks the account), the right one after them was not.
        var trail = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "staff-user" && e.EntityId == name && e.Action == "signed-in-refused").Select(e => e.Reason).ToListAsync());
        Assert.Equal((5, 1), (trail.Count(r => r == "wrong-credentials"), trail.Count(r => r == "locked-out")));

        static (string, string) Of(SignInRefusedException e) => (e.Code, e.Message);
    }

    [Fact]
    public async Task A_right_password_after_a_wrong_one_starts_the_count_of_failures_again()
    {
        var name = NewName();
        await app.SendAsync(new CreateStaffUser(name, null, "technician", Password, "cli"));
        for (var i = 0; i < 4; i++) await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, "wrong password")));

        await app.SendAsync(new SignInStaff(name, Password));
        var afterReset = await Assert.ThrowsAsync<SignInRefusedException>(() => app.SendAsync(new SignInStaff(name, "wrong password")));

        Assert.Equal("wrong-credentials", afterReset.Code);
        Assert.Equal(name, (await app.SendAsync(new SignInStaff(name, Password))).UserName);
    }
}

public sealed class SqliteStaffAccountTests(SqliteApp fixture) : StaffAccountTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlStaffAccountTests(PostgreSqlApp fixture) : StaffAccountTests(fixture.App), IClassFixture<PostgreSqlApp>;

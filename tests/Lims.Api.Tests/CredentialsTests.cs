using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;

namespace Lims.Api.Tests;

/// <summary>
/// Staff accounts and credentials over HTTP: an admin disables, re-roles and resets accounts, a user changes their own
/// password, tokens die with what they were given for, sign-in is limited and answers alike, API keys are revoked.
/// </summary>
public abstract class CredentialsTests(LimsApiFactory api)
{
    private const string NewPassword = "plum orchard evening tide";

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string? Code(JsonElement problem) => problem.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });

    private async Task<List<(string? Action, string? Actor, string? Reason)>> TrailAsync(StaffClient admin, string userName) =>
        [.. (await OkAsync(admin.Http.GetAsync($"/api/v1/lab/audit?entityType=staff-user&entityId={userName}&limit=200")))
            .GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString(), e.TryGetProperty("reason", out var r) ? r.GetString() : null))];

    [Fact]
    public async Task An_admin_disables_an_account_its_token_is_refused_at_once_and_it_signs_in_no_more_until_enabled()
    {
        var admin = await api.StaffClientAsync("admin");
        var technician = await api.StaffClientAsync("technician");
        Assert.Equal(HttpStatusCode.OK, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);

        var disabled = await OkAsync(admin.Http.PostAsync($"/api/v1/staff/users/{technician.UserName}/disable", null));

        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var refused = await ProblemAsync(await LoginAsync(api.ClientFrom(LimsApiFactory.NewAddress()), technician.UserName, technician.Password), HttpStatusCode.Unauthorized);
        Assert.Equal(("wrong-credentials", "The user name or password is wrong."), (Code(refused), refused.GetProperty("detail").GetString()));

        Assert.False((await OkAsync(admin.Http.PostAsync($"/api/v1/staff/users/{technician.UserName}/enable", null))).GetProperty("disabled").GetBoolean());
        // Enabled again: it signs in anew, but the token it held before stays refused.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(api.ClientFrom(LimsApiFactory.NewAddress()), technician.UserName, technician.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var trail = await TrailAsync(admin, technician.UserName);
        Assert.Equal(2, trail.Count(e => e.Action == "changed" && e.Actor == "user:" + admin.UserName));
    }

    [Fact]
    public async Task A_new_role_ends_the_tokens_of_the_old_one_and_the_next_sign_in_carries_it()
    {
        var admin = await api.StaffClientAsync("admin");
        var reviewer = await api.StaffClientAsync("reviewer");

        var changed = await OkAsync(admin.Http.PutAsJsonAsync($"/api/v1/staff/users/{reviewer.UserName}/role", new { role = "technician" }));

        Assert.Equal("technician", changed.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await reviewer.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var client = api.ClientFrom(LimsApiFactory.NewAddress());
        var token = (await OkAsync(LoginAsync(client, reviewer.UserName, reviewer.Password))).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(["Technician"], (await OkAsync(client.GetAsync("/api/v1/auth/me"))).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var badRole = await ProblemAsync(await admin.Http.PutAsJsonAsync($"/api/v1/staff/users/{reviewer.UserName}/role", new { role = "boss" }), HttpStatusCode.BadRequest);
        Assert.Equal(["role"], badRole.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await ProblemAsync(await admin.Http.PutAsJsonAsync("/api/v1/staff/users/nobody-at-all/role", new { role = "admin" }), HttpStatusCode.NotFound);
        Assert.Contains(await TrailAsync(admin, reviewer.UserName), e => e.Action == "changed" && e.Actor == "user:" + admin.UserName);
    }

    [Fact]
    public async Task Only_an_admin_administers_accounts_and_not_their_own_over_the_api()
    {
        var admin = await api.StaffClientAsync("admin");
        var senior = await api.StaffClientAsync("senior-reviewer");
        var lab = await api.LabClientAsync();

        foreach (var caller in new[] { senior.Http, lab, api.CreateClient() })
        {
            Assert.True((await caller.PostAsync($"/api/v1/staff/users/{admin.UserName}/disable", null)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
            Assert.True((await caller.PutAsJsonAsync($"/api/v1/staff/users/{senior.UserName}/role", new { role = "admin" })).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
            Assert.True((await caller.GetAsync("/api/v1/staff/api-keys")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
        }
        Assert.Equal("own-account", Code(await ProblemAsync(await admin.Http.PostAsync($"/api/v1/staff/users/{admin.UserName}/disable", null), HttpStatusCode.Forbidden)));
        Assert.Equal("own-account", Code(await ProblemAsync(await admin.Http.PutAsJsonAsync($"/api/v1/staff/users/{admin.UserName}/role", new { role = "technician" }), HttpStatusCode.Forbidden)));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal("senior-reviewer", (await OkAsync(admin.Http.GetAsync("/api/v1/staff/users"))).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == senior.UserName).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_user_changes_their_own_password_with_the_current_one_and_every_token_of_the_old_one_dies()
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        var other = api.ClientFrom(LimsApiFactory.NewAddress());
        var otherToken = (await OkAsync(LoginAsync(other, reviewer.UserName, reviewer.Password))).GetProperty("accessToken").GetString();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherToken);

        var wrong = await reviewer.Http.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "not my password", newPassword = NewPassword });
        Assert.Equal("signature-refused", Code(await ProblemAsync(wrong, HttpStatusCode.Forbidden)));
        var weak = await ProblemAsync(await reviewer.Http.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = reviewer.Password, newPassword = "Password2026!" }), HttpStatusCode.BadRequest);
        Assert.Equal(["newPassword"], weak.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var missing = await ProblemAsync(await reviewer.Http.PostAsJsonAsync("/api/v1/auth/password", new { newPassword = NewPassword }), HttpStatusCode.BadRequest);
        Assert.Equal(["currentPassword"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.Http.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = reviewer.Password, newPassword = NewPassword })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reviewer.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/auth/me")).StatusCode);
        var client = api.ClientFrom(LimsApiFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, reviewer.UserName, reviewer.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, reviewer.UserName, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task An_admin_resets_a_password_the_old_tokens_die_and_the_new_password_is_shown_once()
    {
        var admin = await api.StaffClientAsync("admin");
        var technician = await api.StaffClientAsync("technician");

        var weak = await ProblemAsync(await admin.Http.PostAsJsonAsync($"/api/v1/staff/users/{technician.UserName}/password", new { password = "aaaaaaaaaaaaaaaa" }), HttpStatusCode.BadRequest);
        Assert.Equal(["password"], weak.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var reset = await OkAsync(admin.Http.PostAsync($"/api/v1/staff/users/{technician.UserName}/password", null));

        var password = reset.GetProperty("password").GetString()!;
        Assert.Equal(16, password.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var client = api.ClientFrom(LimsApiFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, technician.UserName, technician.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, technician.UserName, password)).StatusCode);
        var trail = await TrailAsync(admin, technician.UserName);
        Assert.Contains(trail, e => e.Action == "changed" && e.Actor == "user:" + admin.UserName);
        Assert.DoesNotContain(password, JsonSerializer.Serialize(trail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ends_the_token_and_sign_in_answers_no_refresh_token()
    {
        var client = api.ClientFrom(LimsApiFactory.NewAddress());
        var technician = await api.StaffClientAsync("technician");
        var login = await OkAsync(LoginAsync(client, technician.UserName, technician.Password));
        Assert.Equal(["tokenType", "accessToken", "expiresIn"], login.EnumerateObject().Select(p => p.Name));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsync("/api/v1/auth/logout", null)).StatusCode);
    }

    [Fact]
    public async Task Wrong_unknown_disabled_and_locked_sign_ins_answer_alike_and_the_lock_is_the_failing_address_s_only()
    {
        var admin = await api.StaffClientAsync("admin");
        var victim = await api.StaffClientAsync("reviewer");
        var disabled = await api.StaffClientAsync("technician");
        await OkAsync(admin.Http.PostAsync($"/api/v1/staff/users/{disabled.UserName}/disable", null));
        var attacker = api.ClientFrom(LimsApiFactory.NewAddress());
        for (var i = 0; i < 5; i++) await LoginAsync(attacker, victim.UserName, "wrong password " + i);

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (client, name, password) in new[]
                 {
                     (api.ClientFrom(LimsApiFactory.NewAddress()), victim.UserName, "wrong password"),
                     (api.ClientFrom(LimsApiFactory.NewAddress()), "nobody-" + Guid.NewGuid().ToString("N")[..6], "wrong password"),
                     (api.ClientFrom(LimsApiFactory.NewAddress()), disabled.UserName, disabled.Password),
                     (attacker, victim.UserName, victim.Password),
                 })
        {
            var response = await LoginAsync(client, name, password);
            // Everything but the request's own trace id.
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateObject().Where(p => p.Name != "traceId");
            answers.Add((response.StatusCode, string.Join(", ", problem.Select(p => $"{p.Name}: {p.Value}"))));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Item1);
        // The victim's own machine signs in and keeps working: the lock is the attacker's address's.
        Assert.Equal(HttpStatusCode.OK, (await victim.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(api.ClientFrom(LimsApiFactory.NewAddress()), victim.UserName, victim.Password)).StatusCode);
        var account = (await OkAsync(admin.Http.GetAsync("/api/v1/staff/users"))).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == victim.UserName);
        Assert.Single(account.GetProperty("lockedFrom").EnumerateArray());
        var reasons = (await TrailAsync(admin, victim.UserName)).Where(e => e.Action == "signed-in-refused").Select(e => e.Reason).ToList();
        Assert.Equal((6, 1), (reasons.Count(r => r == "wrong-credentials"), reasons.Count(r => r == "locked-out")));
    }

    [Fact]
    public async Task A_token_used_from_an_address_the_account_is_locked_for_is_refused()
    {
        var technician = await api.StaffClientAsync("technician");
        var address = technician.Http.DefaultRequestHeaders.GetValues(LimsApiFactory.RemoteAddressHeader).Single();
        var sameMachine = api.ClientFrom(address);
        for (var i = 0; i < 5; i++) await LoginAsync(sameMachine, technician.UserName, "wrong password " + i);

        Assert.Equal(HttpStatusCode.Unauthorized, (await technician.Http.GetAsync("/api/v1/auth/me")).StatusCode);
        var elsewhere = api.ClientFrom(LimsApiFactory.NewAddress());
        elsewhere.DefaultRequestHeaders.Authorization = technician.Http.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_are_limited_per_address_and_per_user_name_with_429_and_retry_after()
    {
        var address = api.ClientFrom(LimsApiFactory.NewAddress());
        var perAddress = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++) perAddress.Add(await LoginAsync(address, "nobody-" + Guid.NewGuid().ToString("N")[..6], "wrong password"));

        Assert.All(perAddress[..10], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await AssertTooManyAsync(perAddress[10]);

        var name = "target-" + Guid.NewGuid().ToString("N")[..6];
        var perName = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++) perName.Add(await LoginAsync(api.ClientFrom(LimsApiFactory.NewAddress()), name, "wrong password"));

        Assert.All(perName[..10], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await AssertTooManyAsync(perName[10]);

        static async Task AssertTooManyAsync(HttpResponseMessage response)
        {
            var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests);
            Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_hash_as_a_known_one()
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        List<double> known = [], unknown = [];
        for (var i = 0; i < 5; i++)
        {
            known.Add(await TimeAsync(reviewer.UserName));
            unknown.Add(await TimeAsync("nobody-" + Guid.NewGuid().ToString("N")[..6]));
        }

        // Without a hash an unknown name answers in a few milliseconds, a known one after the hash's tens.
        Assert.True(Median(unknown) > Median(known) / 2, $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");

        async Task<double> TimeAsync(string name)
        {
            var client = api.ClientFrom(LimsApiFactory.NewAddress());
            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, name, "wrong password")).StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task An_admin_lists_api_keys_without_their_secret_and_a_revoked_key_is_refused_at_once()
    {
        var admin = await api.StaffClientAsync("admin");
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var hospital = await api.ClientForNewSubmitterAsync(code);
        var key = hospital.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);

        var listed = await admin.Http.GetAsync($"/api/v1/staff/api-keys?submitter={code}");
        var body = await listed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var view = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
        Assert.Equal(["id", "role", "submitter", "station", "prefix", "createdAt", "revokedAt"], view.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.StartsWith(view.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);

        var revoked = await OkAsync(admin.Http.PostAsync($"/api/v1/staff/api-keys/{view.GetProperty("id").GetGuid()}/revoke", null));

        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hospital.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);
        await ProblemAsync(await admin.Http.PostAsync($"/api/v1/staff/api-keys/{Guid.NewGuid()}/revoke", null), HttpStatusCode.NotFound);
        await ProblemAsync(await admin.Http.GetAsync("/api/v1/staff/api-keys?submitter=no-such-hospital"), HttpStatusCode.NotFound);
        var trail = (await OkAsync(admin.Http.GetAsync($"/api/v1/lab/audit?entityType=api-key&entityId={view.GetProperty("id").GetGuid()}"))).GetRawText();
        Assert.Contains("user:" + admin.UserName, trail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("xxxxxxxxxxxxxxxx", "one character repeated")]
    [InlineData("Password2026!", "too common")]
    [InlineData("qwertyuiop123", "too common")]
    public async Task A_password_that_breaks_the_rules_is_refused_naming_the_field_and_no_account_is_made(string password, string expected)
    {
        var admin = await api.StaffClientAsync("admin");
        var name = "weak-" + Guid.NewGuid().ToString("N")[..6];

        var problem = await ProblemAsync(await admin.Http.PostAsJsonAsync("/api/v1/staff/users", new { userName = name, role = "technician", password }), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.Equal("password", Assert.Single(errors).Name);
        Assert.Contains(expected, errors[0].Value[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, (await OkAsync(admin.Http.GetAsync("/api/v1/staff/users"))).GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class SqliteCredentialsTests(SqliteApi fixture) : CredentialsTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlCredentialsTests(PostgreSqlApi fixture) : CredentialsTests(fixture.Api), IClassFixture<PostgreSqlApi>;

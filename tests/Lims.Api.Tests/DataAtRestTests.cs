using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lims.Api.Tests.Infrastructure;
using Lims.Domain.Submitters;
using Lims.Domain.Webhooks;
using Lims.Infrastructure.Persistence;
using Lims.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>
/// What someone who reads the database (a dump, a backup, a replica) gets: no member's name or phone, no webhook secret,
/// no usable data-protection key — all encrypted with keys kept in configuration — while the API answers as before.
/// </summary>
public abstract class DataAtRestTests(LimsApiFactory api)
{
    /// <summary>The rows a query answers, each column as the provider gives it.</summary>
    private Task<List<object?[]>> RowsAsync(string sql) => api.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        return rows;
    });

    private Task<List<object?[]>> MemberColumnsAsync(string barcode) => RowsAsync(
        $"SELECT m.name_cipher, m.phone_cipher, m.legacy_name, m.legacy_phone FROM tube_members m JOIN tubes t ON t.id = m.tube_id WHERE t.barcode = '{barcode}'");

    private static void AssertHides(object? stored, string secret)
    {
        var bytes = Assert.IsType<byte[]>(stored);
        Assert.True(bytes.Length > Encoding.UTF8.GetByteCount(secret), "a cipher is longer than its text (nonce and tag)");
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret[^4..])));
    }

    [Fact]
    public async Task Names_phones_and_webhook_secrets_are_stored_encrypted_and_read_back_in_clear()
    {
        var person = Random.Shared.Next(100_000, 900_000);
        var hospital = new Hospital(await api.ClientForNewSubmitterAsync());
        var barcode = NewBarcode();
        await hospital.RegisterAsync([Batches.Tube(barcode, members: 1, capacity: 1, kind: "single", firstPerson: person)], "at rest");

        var row = Assert.Single(await MemberColumnsAsync(barcode));
        AssertHides(row[0], Population.Name(person));
        AssertHides(row[1], Population.Phone);
        Assert.Equal((null, null), (row[2], row[3]));
        // The API still reads them: masked on the tube, in clear to the code that needs them.
        var tube = await (await hospital.Http.GetAsync($"/api/v1/tubes/{barcode}")).JsonAsync();
        var member = Assert.Single(tube.GetProperty("members").EnumerateArray());
        Assert.Equal(Lims.Domain.Tubes.Member.MaskName(Population.Name(person)), member.GetProperty("name").GetString());
        var stored = await api.WithDbAsync(db => db.Tubes.AsNoTracking().Where(t => t.Barcode == Lims.Domain.Tubes.Barcode.Create(barcode)).SelectMany(t => t.Members).SingleAsync());
        Assert.Equal((Population.Name(person), Population.Phone), (stored.Name, stored.Phone));

        // A webhook secret: encrypted too, and the delivery still signs with it.
        var subscription = await NewSubscriptionAsync();
        var secretRow = Assert.Single(await RowsAsync($"SELECT secret_cipher, legacy_secret FROM webhook_subscriptions WHERE id = '{IdLiteral(subscription.Id)}'"));
        AssertHides(secretRow[0], subscription.Secret);
        Assert.Null(secretRow[1]);
        Assert.Equal(subscription.Secret, (await api.WithDbAsync(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(w => w.Id == subscription.Id))).Secret);
    }

    [Fact]
    public async Task The_data_protection_key_ring_is_stored_encrypted_and_tokens_still_work()
    {
        var staff = await api.StaffClientAsync("reviewer");
        Assert.True((await staff.Http.GetAsync("/api/v1/auth/me")).IsSuccessStatusCode);

        var keys = await api.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("limsEncryptedKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Names_phones_and_secrets_left_in_clear_by_an_older_version_are_encrypted_at_start_up()
    {
        var person = Random.Shared.Next(100_000, 900_000);
        var hospital = new Hospital(await api.ClientForNewSubmitterAsync());
        var barcode = NewBarcode();
        await hospital.RegisterAsync([Batches.Tube(barcode, members: 1, capacity: 1, kind: "single", firstPerson: person)], "legacy");
        // As the AtRest migration leaves a row written in clear before it: the clear values in legacy_*, no cipher yet.
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE tube_members SET legacy_name = {"Li Si"}, legacy_phone = {"13900139000"}, name_cipher = {Array.Empty<byte>()}, phone_cipher = NULL WHERE tube_id = (SELECT id FROM tubes WHERE barcode = {barcode})"));
        var subscription = await NewSubscriptionAsync();
        const string legacySecret = "whsec_written-in-clear-by-an-older-version";
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE webhook_subscriptions SET legacy_secret = {legacySecret}, secret_cipher = {Array.Empty<byte>()} WHERE id = {subscription.Id}"));

        await api.WithDbAsync(async db =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            return 0;
        });

        var row = Assert.Single(await MemberColumnsAsync(barcode));
        AssertHides(row[0], "Li Si");
        AssertHides(row[1], "13900139000");
        Assert.Equal((null, null), (row[2], row[3]));
        var stored = await api.WithDbAsync(db => db.Tubes.AsNoTracking().Where(t => t.Barcode == Lims.Domain.Tubes.Barcode.Create(barcode)).SelectMany(t => t.Members).SingleAsync());
        Assert.Equal(("Li Si", "13900139000"), (stored.Name, stored.Phone));
        var secretRow = Assert.Single(await RowsAsync($"SELECT secret_cipher, legacy_secret FROM webhook_subscriptions WHERE id = '{IdLiteral(subscription.Id)}'"));
        AssertHides(secretRow[0], legacySecret);
        Assert.Null(secretRow[1]);
        Assert.Equal(legacySecret, (await api.WithDbAsync(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(w => w.Id == subscription.Id))).Secret);
    }

    /// <summary>A new submitter's webhook, stored through the model (the URL is never called).</summary>
    private Task<WebhookSubscription> NewSubscriptionAsync() => api.WithDbAsync(async db =>
    {
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var submitter = Submitter.Create(code, "Hospital " + code, SubmitterKind.Hospital, api.Clock.Now);
        db.Submitters.Add(submitter);
        var created = WebhookSubscription.Create(submitter.Id, "https://hooks.example.org/lims", WebhookSubscription.NewSecret(), api.Clock.Now);
        db.WebhookSubscriptions.Add(created);
        await db.SaveChangesAsync();
        return created;
    });

    private string IdLiteral(Guid id) => api.Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id.ToString();
}

public sealed class SqliteDataAtRestTests(SqliteApi fixture) : DataAtRestTests(fixture.Api), IClassFixture<SqliteApi>
{
    private readonly LimsApiFactory _api = fixture.Api;

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_embedded_database_file_is_readable_by_its_owner_only()
    {
        var file = Path.Combine(_api.DataDirectory, "lims.db");
        Assert.True(File.Exists(file));
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            Assert.Equal(SqliteFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_api.DataDirectory));
    }
}

public sealed class PostgreSqlDataAtRestTests(PostgreSqlApi fixture) : DataAtRestTests(fixture.Api), IClassFixture<PostgreSqlApi>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lims.Api.Endpoints;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>The public result look-up: by id and name, from the read model written at release, rate-limited per client address.</summary>
public abstract class LookupTests(LimsApiFactory api)
{
    private static int _address;

    /// <summary>An anonymous client with an address of its own, so that tests do not share a rate-limit partition.</summary>
    private HttpClient Anonymous(string? address = null)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, address ?? $"10.1.{Interlocked.Increment(ref _address) / 250}.{_address % 250 + 1}");
        return client;
    }

    private static Task<HttpResponseMessage> LookUpAsync(HttpClient client, string idNumber, string name, string? idType = null) =>
        client.PostAsJsonAsync("/api/v1/lookup", new { idType, idNumber, name });

    private static async Task<JsonElement> FoundAsync(HttpClient client, int person, string? name = null)
    {
        var response = await LookUpAsync(client, ResidentId(person), name ?? $"Person {person}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"person {person}: {(int)response.StatusCode} {body}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<(string? Title, string? Detail)> NotFoundAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"expected 404, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(problem.TryGetProperty("errors", out _));
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    /// <summary>Imports a run of the tubes with these results, and has it approved (by a senior reviewer too when one is positive) and released.</summary>
    private async Task ReleaseAsync(HttpClient lab, string[] tubes, double?[][] results)
    {
        var plate = await LabFlow.SealedPlateAsync(lab, tubes);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, tubes, results, RunFiles.Negative)))).StatusCode);
        await ApproveAsync(plate, positives: results.Contains(RunFiles.Positive));
        var reviewer = await api.StaffClientAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null)).StatusCode);
    }

    private async Task ApproveAsync(string plate, bool positives)
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password })).StatusCode);
        if (!positives) return;
        // A positive needs two different senior reviewers.
        for (var i = 0; i < 2; i++)
        {
            var senior = await api.StaffClientAsync("senior-reviewer");
            Assert.Equal(HttpStatusCode.OK, (await senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password })).StatusCode);
        }
    }

    private Task<bool> HasLookupRowAsync(int person)
    {
        var hash = api.Services.GetRequiredService<ILookupHasher>().PersonHash(PersonId.Create(PersonIdType.CnResident, ResidentId(person)));
        return api.WithDbAsync(db => db.LookupRows.AnyAsync(r => r.PersonHash == hash));
    }

    [Fact]
    public async Task A_released_person_is_found_by_id_and_name_and_a_wrong_name_answers_exactly_like_an_unknown_id()
    {
        const int first = 2_000_000;
        var (_, lab, pools) = await api.InactivatedTubesAsync(2, firstPerson: first); // people first..first+2, first+3..first+5
        var client = Anonymous();
        await NotFoundAsync(await LookUpAsync(client, ResidentId(first), $"Person {first}")); // registered, nothing released yet

        await ReleaseAsync(lab, pools, [RunFiles.Negative, RunFiles.Negative]);

        var found = await FoundAsync(client, first);
        Assert.Equal("cn-resident", found.GetProperty("idType").GetString());
        Assert.Equal(PersonId.Mask(ResidentId(first)), found.GetProperty("maskedId").GetString());
        Assert.Equal("P" + new string('*', $"Person {first}".Length - 1), found.GetProperty("maskedName").GetString());
        var result = Assert.Single(found.GetProperty("results").EnumerateArray());
        Assert.Equal(("negative", "pooled", "Collection site 7"),
            (result.GetProperty("outcome").GetString(), result.GetProperty("tubeKind").GetString(), result.GetProperty("site").GetString()));
        var tube = result.GetProperty("tube").GetString()!;
        Assert.Equal(PersonId.Mask(pools[0]), tube);
        Assert.NotEqual(pools[0], tube);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), result.GetProperty("collectedAt").GetDateTimeOffset());
        Assert.Equal(api.Clock.Now, result.GetProperty("releasedAt").GetDateTimeOffset());
        Assert.DoesNotContain(ResidentId(first), found.GetRawText());
        Assert.DoesNotContain($"Person {first}", found.GetRawText());

        // A negative pool gives each of its members a negative.
        for (var person = first; person < first + 6; person++)
            Assert.Equal("negative", Assert.Single((await FoundAsync(client, person)).GetProperty("results").EnumerateArray()).GetProperty("outcome").GetString());

        // The name is compared without case, outer or repeated inner whitespace, or full-width forms; the id number's case does not matter.
        await FoundAsync(client, first, $"  PERSON \t  {first} ");
        await FoundAsync(client, first, $"ｐｅｒｓｏｎ　{first}");
        var get = await client.GetAsync($"/api/v1/lookup?idNumber={ResidentId(first)}&name={Uri.EscapeDataString($"person {first}")}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(found.GetRawText(), (await get.JsonAsync()).GetRawText());

        // A wrong name, another person's name, an unknown id and the wrong id type all answer the same 404.
        var wrongName = await NotFoundAsync(await LookUpAsync(client, ResidentId(first), "Somebody Else"));
        Assert.Equal(wrongName, await NotFoundAsync(await LookUpAsync(client, ResidentId(first), $"Person {first + 1}")));
        Assert.Equal(wrongName, await NotFoundAsync(await LookUpAsync(client, ResidentId(first + 50), $"Person {first + 50}")));
        Assert.Equal(wrongName, await NotFoundAsync(await LookUpAsync(client, ResidentId(first), $"Person {first}", "passport")));
        Assert.Equal(wrongName, await NotFoundAsync(await client.GetAsync($"/api/v1/lookup?idNumber={ResidentId(first)}&name=x")));
        Assert.Equal(("Not found", "No released result matches this id number and name."), wrongName);
    }

    [Fact]
    public async Task A_malformed_request_is_a_400_that_names_the_field()
    {
        var client = Anonymous();
        async Task<string[]> FieldsAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return [.. (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }

        Assert.Equal(["idNumber"], await FieldsAsync(await LookUpAsync(client, WithWrongCheckCharacter(ResidentId(7)), "Person 7")));
        Assert.Equal(["idNumber"], await FieldsAsync(await LookUpAsync(client, "12345", "Person 7")));
        Assert.Equal(["idNumber"], await FieldsAsync(await client.GetAsync("/api/v1/lookup?name=Person%207")));
        Assert.Equal(["name"], await FieldsAsync(await LookUpAsync(client, ResidentId(7), "   ")));
        Assert.Equal(["name"], await FieldsAsync(await LookUpAsync(client, ResidentId(7), new string('x', 101))));
        Assert.Equal(["idType"], await FieldsAsync(await LookUpAsync(client, ResidentId(7), "Person 7", "driving-licence")));
        var notJson = await client.PostAsync("/api/v1/lookup", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task A_positive_pools_members_need_a_recall_and_then_show_their_recall_tubes_individual_result()
    {
        const int first = 2_100_000;
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(1, firstPerson: first);
        await ReleaseAsync(lab, pools, [RunFiles.Positive]);
        var client = Anonymous();
        for (var person = first; person < first + 3; person++)
        {
            var only = Assert.Single((await FoundAsync(client, person)).GetProperty("results").EnumerateArray());
            Assert.Equal(("recall-required", "pooled"), (only.GetProperty("outcome").GetString(), only.GetProperty("tubeKind").GetString()));
        }

        // Each member's single tube, collected under the barcode the recall ordered for them, is run and released.
        var recall = (await (await hospital.GetAsync("/api/v1/recalls")).JsonAsync())[0];
        var orders = recall.GetProperty("members").EnumerateArray().OrderBy(m => m.GetProperty("position").GetInt32())
            .Select(m => m.GetProperty("orderBarcode").GetString()!).ToArray();
        await api.InactivatedTubesAsync(3, orders, kind: "single", hospital: hospital, firstPerson: first);
        api.Clock.Now = api.Clock.Now.AddHours(5);
        try
        {
            await ReleaseAsync(lab, orders, [RunFiles.Positive, RunFiles.Negative, RunFiles.Negative]);
        }
        finally
        {
            api.Clock.Now = api.Clock.Now.AddHours(-5);
        }

        foreach (var (person, outcome) in new[] { (first, "positive"), (first + 1, "negative"), (first + 2, "negative") })
        {
            var results = (await FoundAsync(client, person)).GetProperty("results").EnumerateArray().ToList();
            Assert.Equal([(outcome, "single"), ("recall-required", "pooled")],
                results.Select(r => (r.GetProperty("outcome").GetString(), r.GetProperty("tubeKind").GetString())));
            Assert.Equal(api.Clock.Now.AddHours(5), results[0].GetProperty("releasedAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Negatives_released_automatically_at_import_are_found_at_once()
    {
        await using var auto = await LimsApiFactory.CreateAsync(api.Provider,
            api.Provider == DatabaseProvider.PostgreSql ? await PostgresServer.SharedAsync() : null,
            new Dictionary<string, string> { ["Lims:Review:AutoReleaseNegatives"] = "true" });
        const int first = 2_300_000;
        var (_, lab, pools) = await auto.InactivatedTubesAsync(1, firstPerson: first);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Negative], RunFiles.Negative)))).StatusCode);

        var client = auto.CreateClient();
        client.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, "10.202.0.1");
        var found = await FoundAsync(client, first + 2);
        Assert.Equal("negative", Assert.Single(found.GetProperty("results").EnumerateArray()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_rate_limit_answers_429_with_retry_after_for_one_address_and_not_for_another()
    {
        var busy = Anonymous("10.200.0.1");
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(busy, ResidentId(3_000_000 + i), "Nobody")).StatusCode);

        var refused = await LookUpAsync(busy, ResidentId(3_000_100), "Nobody");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(429, (await refused.JsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await busy.GetAsync($"/api/v1/lookup?idNumber={ResidentId(1)}&name=x")).StatusCode);

        // Another address is not affected, nor are the other endpoints for the same address.
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(Anonymous("10.200.0.2"), ResidentId(3_000_100), "Nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await busy.GetAsync("/api/v1/results")).StatusCode);
    }

    [Fact]
    public async Task The_read_model_is_written_in_the_release_transaction_so_a_failed_release_leaves_no_lookup_row()
    {
        const int first = 2_200_000;
        var (_, lab, pools) = await api.InactivatedTubesAsync(1, firstPerson: first);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Negative], RunFiles.Negative)))).StatusCode);
        await ApproveAsync(plate, positives: false);
        var reviewer = await api.StaffClientAsync("reviewer");

        // The database refuses the tube's change to released, but only once the person's look-up row is there: the row was
        // written, in the same transaction, before the release failed.
        var hash = Convert.ToHexString(api.Services.GetRequiredService<ILookupHasher>().PersonHash(PersonId.Create(PersonIdType.CnResident, ResidentId(first))));
        await api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(api.Provider == DatabaseProvider.Sqlite
            ? $"""
               CREATE TRIGGER refuse_release BEFORE UPDATE OF status ON tubes
               WHEN NEW.status = 'Released' AND EXISTS (SELECT 1 FROM lookup_results WHERE person_hash = X'{hash}')
               BEGIN SELECT RAISE(ABORT, 'test: release refused'); END;
               """
            : $"""
               CREATE FUNCTION refuse_release() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                 IF NEW.status = 'Released' AND EXISTS (SELECT 1 FROM lookup_results WHERE person_hash = '\x{hash}'::bytea) THEN
                   RAISE EXCEPTION 'test: release refused';
                 END IF;
                 RETURN NEW;
               END $$;
               CREATE TRIGGER refuse_release BEFORE UPDATE OF status ON tubes FOR EACH ROW EXECUTE FUNCTION refuse_release();
               """));
        try
        {
            var failed = await reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(api.Provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER refuse_release"
                : "DROP TRIGGER refuse_release ON tubes; DROP FUNCTION refuse_release()"));
        }
        Assert.False(await HasLookupRowAsync(first));
        var client = Anonymous();
        await NotFoundAsync(await LookUpAsync(client, ResidentId(first), $"Person {first}"));
        Assert.Equal("awaiting-release", (await (await reviewer.Http.GetAsync($"/api/v1/review/plates/{plate}")).JsonAsync()).GetProperty("status").GetString());

        // Released again, now without the trigger: found.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null)).StatusCode);
        Assert.True(await HasLookupRowAsync(first));
        await FoundAsync(client, first);
    }

    [Fact]
    public async Task Neither_the_id_number_nor_the_name_of_a_look_up_reaches_the_logs_even_at_trace_level()
    {
        var logs = new CapturingLoggerProvider();
        using var traced = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Logging:LogLevel:Default", "Trace");
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace");
            b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });
        var client = traced.CreateClient();
        client.DefaultRequestHeaders.Add(LimsApiFactory.RemoteAddressHeader, "10.201.0.1");
        var id = ResidentId(4_000_000);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/lookup?idNumber={id}&name=Wang%20Wu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(client, id, "Wang Wu")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/lookup?idNumber={id[..17]}&name=Wang%20Wu")).StatusCode);

        var messages = logs.Messages.ToList();
        Assert.Contains(messages, m => m.Contains("/api/v1/lookup", StringComparison.Ordinal)); // the requests were logged, at trace level
        Assert.DoesNotContain(messages, m => m.Contains(id[..17], StringComparison.Ordinal) || m.Contains("Wang", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

        public void Dispose() { }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>Rate-limit partitions: one per IPv4 address, one per IPv6 /64.</summary>
public sealed class LookupClientKeyTests
{
    [Fact]
    public void Ipv6_clients_share_a_partition_per_64_and_ipv4_mapped_addresses_count_as_ipv4()
    {
        Assert.Equal(LookupEndpoints.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), LookupEndpoints.ClientKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(LookupEndpoints.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), LookupEndpoints.ClientKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(IPAddress.Parse("192.0.2.7"), LookupEndpoints.ClientKey(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.NotEqual(LookupEndpoints.ClientKey(IPAddress.Parse("192.0.2.7")), LookupEndpoints.ClientKey(IPAddress.Parse("192.0.2.8")));
        Assert.Equal(IPAddress.None, LookupEndpoints.ClientKey(null));
    }
}

public sealed class SqliteLookupTests(SqliteApi fixture) : LookupTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlLookupTests(PostgreSqlApi fixture) : LookupTests(fixture.Api), IClassFixture<PostgreSqlApi>;

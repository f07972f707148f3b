using System.Net;
using System.Net.Http.Headers;
using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Hostile = Lims.Infrastructure.Tests.Instruments.HostileFiles;

namespace Lims.Api.Tests;

/// <summary>Measured alone: the allocation of the whole process is what is asserted, so nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasured
{
    public const string Name = "memory measured";
}

/// <summary>
/// Run files built to exhaust the API's memory — a zip bomb, a gzip bomb, archives in archives, thousands of members — are
/// a 400 on <c>file</c> within the process's means, and imports at once are limited (503 with Retry-After beyond).
/// </summary>
public abstract class UploadLimitTests(LimsApiFactory api)
{
    private async Task<(HttpClient Lab, string Plate)> SealedPlateAsync()
    {
        var (_, lab, tubes) = await api.InactivatedTubesAsync(1);
        return (lab, await LabFlow.SealedPlateAsync(lab, tubes));
    }

    [Fact]
    public async Task Imports_beyond_the_limit_at_once_are_answered_503_with_retry_after()
    {
        await using var limited = await LimsApiFactory.CreateAsync(api.Provider,
            api.Provider == DatabaseProvider.PostgreSql ? await PostgresServer.SharedAsync() : null,
            new Dictionary<string, string> { ["Lims:Runs:MaxConcurrentImports"] = "1", ["Lims:Runs:QueuedImports"] = "0" });
        var (_, lab, tubes) = await limited.InactivatedTubesAsync(1);
        var plate = await LabFlow.SealedPlateAsync(lab, tubes);

        // One upload whose body has not finished arriving holds the only place. The test server's own client streams the
        // body (the factory's client buffers it first, to be able to follow redirects).
        var streaming = limited.Server.CreateClient();
        streaming.DefaultRequestHeaders.Authorization = lab.DefaultRequestHeaders.Authorization;
        var body = new HeldBody();
        var held = streaming.PostAsync($"/api/v1/lab/plates/{plate}/run", body);
        await body.Started.WaitAsync(TimeSpan.FromSeconds(30));
        var busy = await lab.SendAsync(RunFiles.Upload(plate, "not a run file"u8.ToArray()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        Assert.Equal(503, (await busy.JsonAsync()).GetProperty("status").GetInt32());

        body.Release();
        Assert.Equal(HttpStatusCode.BadRequest, (await held).StatusCode);
        var good = await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, tubes, [RunFiles.Negative], RunFiles.Negative)));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    /// <summary>A body that sends its first megabyte, says so once the server is reading it, and waits to be released before it ends.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody() => Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        public Task Started => _started.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // More than the test server's request pipe buffers: the write completes only once the endpoint (which holds the
            // import's place) is reading the body.
            await stream.WriteAsync(new byte[1024 * 1024]);
            await stream.FlushAsync();
            _started.TrySetResult();
            await _released.Task;
            await stream.WriteAsync("ct\n"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private Task<int> RunFilesAsync() => api.WithDbAsync(db => db.RunFiles.CountAsync());

    /// <summary>Uploads the file, which must be refused on <c>file</c> saying <paramref name="why"/>; answers what the process allocated meanwhile.</summary>
    private static async Task<long> RefusedAllocatingAsync(HttpClient lab, string plate, byte[] file, string name, string why)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await lab.SendAsync(RunFiles.Upload(plate, file, name));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Contains(why, (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        return allocated;
    }

    [Fact]
    public async Task The_260_KB_eds_that_unpacks_to_255_MiB_is_a_400_and_the_process_allocates_a_few_megabytes()
    {
        var (lab, plate) = await SealedPlateAsync();
        var bomb = Hostile.EdsBomb();
        Assert.InRange(bomb.Length, 200_000, 400_000);
        var stored = await RunFilesAsync();

        var allocated = await RefusedAllocatingAsync(lab, plate, bomb, "P.eds", "unpacks to 267,386,880 bytes");

        Assert.InRange(allocated, 0, 32L * 1024 * 1024);
        Assert.Equal(stored, await RunFilesAsync());
        Assert.Equal("sealed", (await (await lab.GetAsync($"/api/v1/lab/plates/{plate}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("gzip bomb", "more than 100 times its packed size")]
    [InlineData("lying zip bomb", "more than 100 times its packed size")]
    [InlineData("zip in gzip", "is a zip archive inside gzip")]
    [InlineData("gzip in eds", "is gzip inside a zip archive")]
    [InlineData("70,000 members", "holds 70,000 files")]
    public async Task Other_files_built_to_exhaust_memory_are_a_400_on_file_within_bounded_memory(string kind, string why)
    {
        var (lab, plate) = await SealedPlateAsync();
        var csv = RunFiles.Csv(plate, ["T0000001"], [RunFiles.Negative], RunFiles.Negative);
        var file = kind switch
        {
            "gzip bomb" => Hostile.GzipBomb(),
            "lying zip bomb" => Hostile.LyingEdsBomb(255L * 1024 * 1024, declared: 30u * 1024 * 1024),
            "zip in gzip" => Hostile.Gzip(Hostile.Zip("rdml_data.xml", csv)),
            "gzip in eds" => Hostile.Zip(Hostile.EdsResult, Hostile.Gzip(csv)),
            _ => Hostile.ManyMembers(70_000),
        };
        var stored = await RunFilesAsync();

        var allocated = await RefusedAllocatingAsync(lab, plate, file, "run.bin", why);

        // The upload itself is held a few times over (request, body, file); beyond that a few megabytes.
        Assert.InRange(allocated, 0, 6L * file.Length + 32L * 1024 * 1024);
        Assert.Equal(stored, await RunFilesAsync());
    }
}

[Collection(MemoryMeasured.Name)]
public sealed class SqliteUploadLimitTests(SqliteApi fixture) : UploadLimitTests(fixture.Api), IClassFixture<SqliteApi>;

[Collection(MemoryMeasured.Name)]
public sealed class PostgreSqlUploadLimitTests(PostgreSqlApi fixture) : UploadLimitTests(fixture.Api), IClassFixture<PostgreSqlApi>;

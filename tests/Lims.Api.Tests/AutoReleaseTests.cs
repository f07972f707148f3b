using System.Net;
using System.Net.Http.Json;
using Lims.Api.Tests.Infrastructure;

namespace Lims.Api.Tests;

/// <summary>With <c>Lims:Review:AutoReleaseNegatives</c> on, a QC-passed plate's negatives are released at import; positives still wait.</summary>
public abstract class AutoReleaseTests(LimsApiFactory api)
{
    public static readonly Dictionary<string, string> Settings = new() { ["Lims:Review:AutoReleaseNegatives"] = "true" };

    [Fact]
    public async Task Negatives_of_a_passed_plate_are_released_at_import_and_positives_wait_for_their_reviewers()
    {
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(2);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        Assert.Equal(HttpStatusCode.Created, (await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive, RunFiles.Negative], RunFiles.Negative)))).StatusCode);

        var released = Assert.Single((await (await hospital.GetAsync("/api/v1/results")).JsonAsync()).GetProperty("results").EnumerateArray());
        Assert.Equal((pools[1], "negative"), (released.GetProperty("tubeBarcode").GetString(), released.GetProperty("call").GetString()));
        var signer = Assert.Single(released.GetProperty("reviewers").EnumerateArray());
        Assert.Equal(("system:auto-release", "policy", "auto-release"), (signer.GetProperty("user").GetString(), signer.GetProperty("role").GetString(), signer.GetProperty("meaning").GetString()));
        Assert.Equal("released", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[1]}")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("interpreted", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[0]}")).JsonAsync()).GetProperty("status").GetString());

        var reviewer = await api.StaffClientAsync("reviewer");
        var review = await (await reviewer.Http.GetAsync($"/api/v1/review/plates/{plate}")).JsonAsync();
        Assert.Equal("awaiting-review", review.GetProperty("status").GetString());
        Assert.Equal(["pending", "released"], review.GetProperty("tubes").EnumerateArray().Select(t => t.GetProperty("state").GetString()).Order());
        var approved = await (await reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password })).JsonAsync();
        Assert.Equal("awaiting-second-approval", approved.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_plate_whose_control_failed_releases_nothing()
    {
        var (hospital, lab, pools) = await api.InactivatedTubesAsync(1);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        // The negative control amplified: QC fails, every tube goes back to be re-plated, nothing is released.
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Negative], RunFiles.Positive)));
        Assert.Empty((await (await hospital.GetAsync("/api/v1/results")).JsonAsync()).GetProperty("results").EnumerateArray());
        Assert.Equal("retest", (await (await hospital.GetAsync($"/api/v1/tubes/{pools[0]}")).JsonAsync()).GetProperty("status").GetString());
    }
}

public sealed class SqliteAutoReleaseApi : ApiFixture
{
    protected override Task<LimsApiFactory> CreateAsync() => LimsApiFactory.CreateAsync(Lims.Infrastructure.Persistence.DatabaseProvider.Sqlite, settings: AutoReleaseTests.Settings);
}

public sealed class PostgreSqlAutoReleaseApi : ApiFixture
{
    protected override async Task<LimsApiFactory> CreateAsync() =>
        await LimsApiFactory.CreateAsync(Lims.Infrastructure.Persistence.DatabaseProvider.PostgreSql, await PostgresServer.SharedAsync(), AutoReleaseTests.Settings);
}

public sealed class SqliteAutoReleaseTests(SqliteAutoReleaseApi fixture) : AutoReleaseTests(fixture.Api), IClassFixture<SqliteAutoReleaseApi>;

public sealed class PostgreSqlAutoReleaseTests(PostgreSqlAutoReleaseApi fixture) : AutoReleaseTests(fixture.Api), IClassFixture<PostgreSqlAutoReleaseApi>;

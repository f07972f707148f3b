using Lims.Application.Features.Lookup;
using Lims.Application.Features.Results;
using Lims.Application.Features.Reviews;
using Lims.Application.Features.Webhooks;
using Lims.Domain.PublicHealth;
using Lims.Domain.Webhooks;

namespace Lims.Application.Tests.Results;

/// <summary>Approval and release by signed reviewers, and every output a release writes in its own save.</summary>
public abstract class ReleaseTests(LimsApp app)
{
    [Fact]
    public async Task Approval_reviews_the_negatives_then_two_seniors_the_positives_and_release_writes_each_output_once()
    {
        var (hospital, tubes) = await app.InactivatedTubesAsync(2, kind: "single", firstPerson: 7_000);
        await app.SendAsync(new RegisterWebhook(hospital, "https://hospital.example/lims"));
        var plate = await app.RunAsync(tubes, RunFiles.Negative, RunFiles.Positive);
        var reviewer = await app.StaffAsync("reviewer");
        var senior = await app.StaffAsync("senior-reviewer");
        var other = await app.StaffAsync("senior-reviewer");

        var first = await app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password));
        Assert.Equal("awaiting-second-approval", first.Status);
        Assert.Equal(("reviewed", "interpreted"), (Status(first, tubes[0]), Status(first, tubes[1])));
        // One senior is not enough for a positive: it needs two.
        var second = await app.SendAsync(new ApprovePlate(plate, senior.Name, senior.Password));
        Assert.Equal(("awaiting-second-approval", "interpreted"), (second.Status, Status(second, tubes[1])));
        var third = await app.SendAsync(new ApprovePlate(plate, other.Name, other.Password));
        Assert.Equal(("awaiting-release", "reviewed"), (third.Status, Status(third, tubes[1])));

        var released = await app.SendAsync(new ReleasePlate(plate, senior.Name));

        Assert.Equal("done", released.Status);
        Assert.All(released.Tubes, t => Assert.Equal("released", t.TubeStatus));
        var results = await app.SendAsync(new GetResults(hospital, 0, 100));
        Assert.Equal(tubes, results.Results.Select(r => r.TubeBarcode));
        Assert.Equal(["negative", "positive"], results.Results.Select(r => r.Call));
        Assert.Equal(["approval"], results.Results[0].Reviewers.Select(r => r.Meaning));
        // The positive stands on the two seniors' signatures, not on the first reviewer's.
        Assert.Equal([(senior.Name, "second-approval"), (other.Name, "second-approval")], results.Results[1].Reviewers.Select(r => (r.User, r.Meaning)));
        // The outputs, in the release's save: one webhook delivery for the release, a public-health report for the positive person,
        // and both people in the public look-up.
        var delivery = Assert.Single(await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.SubmitterId == hospital).ToListAsync()));
        Assert.Equal((WebhookDeliveryState.Pending, 2, results.Results[0].ReleaseId), (delivery.State, delivery.Results, delivery.ReleaseId));
        var notification = Assert.Single(await app.WithDbAsync(db => db.PublicHealthNotifications.AsNoTracking().Where(n => n.SubmitterId == hospital).ToListAsync()));
        Assert.Equal((tubes[1], NotificationState.Pending), (notification.TubeBarcode.Value, notification.State));
        foreach (var (n, outcome) in new[] { (7_000, "negative"), (7_001, "positive") })
        {
            var found = await app.SendAsync(new LookUpResults(null, Population.ResidentId(n), Population.Name(n)));
            Assert.Equal(outcome, Assert.Single(found!.Results).Outcome);
        }
    }

    private static string Status(PlateReviewView review, string tube) => review.Tubes.Single(t => t.Tube == tube).TubeStatus;

    [Fact]
    public async Task Releasing_again_releases_nothing_twice()
    {
        var (hospital, tubes) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(tubes, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");
        await app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password));
        await app.SendAsync(new ReleasePlate(plate, reviewer.Name));

        await Assert.ThrowsAsync<Lims.Domain.Common.DomainException>(() => app.SendAsync(new ReleasePlate(plate, reviewer.Name)));

        Assert.Single((await app.SendAsync(new GetResults(hospital, 0, 100))).Results);
        Assert.Equal(TubeStatus.Released, (await app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(tubes[0])))).Status);
    }

    [Fact]
    public async Task A_reviewer_who_loaded_the_plate_may_not_approve_it()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var reviewer = await app.StaffAsync("reviewer");
        var plate = Barcodes.New("P");
        await app.SendAsync(new Features.Plates.CreatePlate(plate, 96, AppFlow.Kit, null, "column", AppFlow.Bench));
        await app.SendAsync(new Features.Plates.PlaceTube(plate, tubes[0], null, "user:" + reviewer.Name));
        await app.SendAsync(new Features.Plates.SealPlate(plate, AppFlow.Bench));
        await app.ImportAsync(plate, tubes, RunFiles.Negative);

        var refused = await Assert.ThrowsAsync<Lims.Domain.Reviews.ReviewForbiddenException>(() => app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password)));

        Assert.Equal("own-plate", refused.Code);
        Assert.Equal(TubeStatus.Interpreted, (await app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(tubes[0])))).Status);
    }
}

public sealed class SqliteReleaseTests(SqliteApp fixture) : ReleaseTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlReleaseTests(PostgreSqlApp fixture) : ReleaseTests(fixture.App), IClassFixture<PostgreSqlApp>;

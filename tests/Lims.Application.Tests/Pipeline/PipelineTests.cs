using Lims.Application.Features.Receiving;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Reviews;
using Lims.Domain.Audit;

namespace Lims.Application.Tests.Pipeline;

/// <summary>What every sender (HTTP, CLI, a job) gets from the pipeline: validation naming the field, one not-found, e-signatures.</summary>
public abstract class PipelineTests(LimsApp app)
{
    [Fact]
    public async Task A_message_is_validated_before_its_handler_and_the_errors_name_the_fields()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new OverrideCall("P0001", "no spaces allowed", "maybe", "", "someone", "")));

        Assert.Equal(["call", "password", "reason", "tube"], refused.Errors.Keys.Order());
        Assert.Equal("A call is overridden to 'positive' or 'negative'.", Assert.Single(refused.Errors["call"]));
        var query = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ListRecallCases(null, "pending")));
        Assert.Equal(["status"], query.Errors.Keys);
    }

    [Fact]
    public async Task Something_named_that_does_not_exist_is_not_found_whoever_asks()
    {
        Assert.Equal("There is no box B-NOWHERE.", (await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBox("B-NOWHERE", null)))).Message);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new CloseBox("B-NOWHERE", AppFlow.Bench)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRecallCase(Guid.NewGuid(), null)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetPlateReview("P-NOWHERE", false)));
    }

    [Fact]
    public async Task A_refused_signature_is_recorded_and_counts_towards_lockout_although_the_command_fails()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(tubes, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ApprovePlate(plate, reviewer.Name, "wrong password")));

        // Locked now: even the right password is refused, and nothing was approved.
        var locked = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ApprovePlate(plate, reviewer.Name, reviewer.Password)));
        Assert.Equal("locked-out", locked.Code);
        Assert.Equal("awaiting-review", (await app.SendAsync(new GetPlateReview(plate, false))).Status);
        var refusals = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "staff-user" && e.EntityId == reviewer.Name && e.Action == "signed-refused").CountAsync());
        Assert.Equal(6, refusals);
    }
}

public sealed class SqlitePipelineTests(SqliteApp fixture) : PipelineTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlPipelineTests(PostgreSqlApp fixture) : PipelineTests(fixture.App), IClassFixture<PostgreSqlApp>;

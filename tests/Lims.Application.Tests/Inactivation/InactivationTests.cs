using Lims.Application.Features.Inactivation;
using Lims.Application.Features.Receiving;

namespace Lims.Application.Tests.Inactivation;

/// <summary>Inactivation batches: received tubes only, idempotent by code, completed once the method's time has run (or with a reason).</summary>
public abstract class InactivationTests(LimsApp app)
{
    [Theory]
    [InlineData("heat", 30)]
    [InlineData("chemical", 10)]
    public async Task A_batch_completes_once_it_has_run_its_methods_time_and_inactivates_its_tubes(string method, int minutes)
    {
        var (_, tubes) = await app.ReceivedTubesAsync(2);
        var code = Barcodes.New("I");
        var started = await app.SendAsync(new StartInactivation(code, method, "Block 2", "li.wei", tubes, AppFlow.Bench));
        Assert.Equal((method, "open", minutes, "li.wei", app.Clock.Now), (started.Method, started.Status, started.RequiredMinutes, started.Operator, started.StartedAt));
        Assert.Equal(TubeStatus.Received, (await app.TubeAsync(tubes[0])).Status);

        var early = await Assert.ThrowsAsync<DomainException>(() =>
            app.AtAsync(app.Clock.Now.AddMinutes(minutes - 1), () => app.SendAsync(new CompleteInactivation(code, null, AppFlow.Bench))));
        Assert.Equal("run-too-short", early.Code);
        Assert.Equal("open", (await app.SendAsync(new GetInactivation(code))).Status);
        Assert.Equal(TubeStatus.Received, (await app.TubeAsync(tubes[0])).Status);

        var end = app.Clock.Now.AddMinutes(minutes);
        var completed = await app.AtAsync(end, () => app.SendAsync(new CompleteInactivation(code, null, AppFlow.Bench)));

        Assert.Equal(("completed", end, null), (completed.Status, completed.EndedAt, completed.OverrideReason));
        foreach (var tube in tubes)
        {
            var stored = await app.TubeAsync(tube);
            Assert.Equal((TubeStatus.Inactivated, end), (stored.Status, stored.InactivatedAt));
        }
    }

    [Fact]
    public async Task A_run_shorter_than_its_method_completes_with_a_reason_signed_by_a_senior_reviewer_which_are_kept()
    {
        var (_, tubes) = await app.ReceivedTubesAsync(1);
        var code = Barcodes.New("I");
        await app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, tubes, AppFlow.Bench));
        var at = app.Clock.Now.AddMinutes(20);
        var senior = await app.StaffAsync("senior-reviewer");
        var technician = await app.StaffAsync("technician");
        const string reason = " validated 20 min protocol, SOP-12 ";
        Task<InactivationView> Complete(string? overrideReason, (string Name, string Password)? signer) =>
            app.AtAsync(at, () => app.SendAsync(new CompleteInactivation(code, overrideReason, AppFlow.Bench, signer?.Name, signer?.Password)));

        var blank = await Assert.ThrowsAsync<DomainException>(() => Complete("  ", null));
        var reasonAlone = await Assert.ThrowsAsync<RequestValidationException>(() => Complete(reason, null));
        var unexplained = await Assert.ThrowsAsync<RequestValidationException>(() => Complete(null, senior));
        var notSenior = await Assert.ThrowsAsync<NotPermittedException>(() => Complete(reason, technician));
        var wrong = await Assert.ThrowsAsync<ForbiddenException>(() => Complete(reason, (senior.Name, "wrong password")));
        var completed = await Complete(reason, senior);

        Assert.Equal("run-too-short", blank.Code);
        Assert.Contains("ran 20 min", blank.Message, StringComparison.Ordinal);
        Assert.Equal(["password", "userName"], reasonAlone.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["overrideReason"], unexplained.Errors.Keys);
        Assert.Equal("senior-reviewer-required", notSenior.Code);
        Assert.Equal("signature-refused", wrong.Code);
        Assert.Equal(("completed", "validated 20 min protocol, SOP-12"), (completed.Status, completed.OverrideReason));
        Assert.Equal(new OverrideSignatureView(senior.Name, "senior-reviewer", at), completed.OverrideSignature);
        Assert.Equal(TubeStatus.Inactivated, (await app.TubeAsync(tubes[0])).Status);
        var stored = await app.WithDbAsync(db => db.InactivationBatches.AsNoTracking().SingleAsync(b => b.Code == Barcode.Create(code)));
        Assert.Equal((senior.Name, "senior-reviewer", at, AppFlow.Bench), (stored.OverrideSignedBy, stored.OverrideSignerRole, stored.OverrideSignedAt, stored.CompletedBy));
        var twice = await Assert.ThrowsAsync<DomainException>(() => app.AtAsync(at.AddHours(1), () => app.SendAsync(new CompleteInactivation(code, null, AppFlow.Bench))));
        Assert.Equal("batch-completed", twice.Code);
        Assert.Equal(at, (await app.SendAsync(new GetInactivation(code))).EndedAt);
    }

    [Fact]
    public async Task Whoever_started_a_batch_cannot_sign_off_its_short_run()
    {
        var (_, tubes) = await app.ReceivedTubesAsync(2);
        var senior = await app.StaffAsync("senior-reviewer");
        var (byAccount, asOperator) = (Barcodes.New("I"), Barcodes.New("I"));
        var started = await app.SendAsync(new StartInactivation(byAccount, "heat", "Block 1", null, [tubes[0]], $"user:{senior.Name}"));
        await app.SendAsync(new StartInactivation(asOperator, "heat", "Block 1", senior.Name.ToUpperInvariant(), [tubes[1]], AppFlow.Bench));
        var at = app.Clock.Now.AddMinutes(25);

        foreach (var code in new[] { byAccount, asOperator })
        {
            var own = await Assert.ThrowsAsync<NotPermittedException>(() =>
                app.AtAsync(at, () => app.SendAsync(new CompleteInactivation(code, "block validated", AppFlow.Bench, senior.Name, senior.Password))));
            Assert.Equal("own-batch", own.Code);
        }
        Assert.Equal(($"user:{senior.Name}", $"user:{senior.Name}"), (started.StartedBy, started.Operator));
        foreach (var tube in tubes) Assert.Equal(TubeStatus.Received, (await app.TubeAsync(tube)).Status);
    }

    [Fact]
    public async Task A_tube_rejected_while_its_batch_runs_stays_rejected_and_the_rest_of_the_batch_is_inactivated()
    {
        var (_, tubes) = await app.ReceivedTubesAsync(2);
        var code = Barcodes.New("I");
        await app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, tubes, AppFlow.Bench));
        // Found leaking in the block.
        await app.SendAsync(new RejectTube(tubes[1], "leaking", null, AppFlow.Bench));

        var completed = await app.AtAsync(app.Clock.Now.AddMinutes(30), () => app.SendAsync(new CompleteInactivation(code, null, AppFlow.Bench)));

        Assert.Equal("completed", completed.Status);
        Assert.Equal(TubeStatus.Inactivated, (await app.TubeAsync(tubes[0])).Status);
        var rejected = await app.TubeAsync(tubes[1]);
        Assert.Equal((TubeStatus.Rejected, null), (rejected.Status, rejected.InactivatedAt));
    }

    [Fact]
    public async Task Only_received_tubes_are_inactivated_and_a_refused_start_stores_no_batch()
    {
        var (_, received) = await app.ReceivedTubesAsync(1);
        var (_, registered) = await app.RegisteredTubesAsync(1);
        var code = Barcodes.New("I");

        var notReceived = await Assert.ThrowsAsync<DomainException>(() =>
            app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, [received[0], registered[0]], AppFlow.Bench)));
        var unknown = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, ["NOSUCHTUBE"], AppFlow.Bench)));
        var badRequest = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new StartInactivation(code, "uv", "", null, [received[0], received[0]], AppFlow.Bench)));

        Assert.Equal("tube-not-received", notReceived.Code);
        Assert.Contains(registered[0], notReceived.Message, StringComparison.Ordinal);
        Assert.Equal(["There is no tube NOSUCHTUBE."], unknown.Errors["tubes"]);
        Assert.Equal(["equipment", "method", "tubes"], badRequest.Errors.Keys.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetInactivation(code)));
        // The received tube is free for another batch.
        Assert.Equal([received[0]], (await app.SendAsync(new StartInactivation(Barcodes.New("I"), "heat", "Block 1", null, received, AppFlow.Bench))).Tubes);
    }

    [Fact]
    public async Task Starting_the_same_batch_again_answers_it_and_other_contents_or_a_tube_of_another_batch_are_conflicts()
    {
        var (_, tubes) = await app.ReceivedTubesAsync(2);
        var code = Barcodes.New("I");
        var first = await app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, [tubes[0]], AppFlow.Bench));

        var retry = await app.AtAsync(app.Clock.Now.AddMinutes(3), () => app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, [tubes[0]], AppFlow.Bench)));
        var otherTubes = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new StartInactivation(code, "heat", "Block 1", null, tubes, AppFlow.Bench)));
        var otherMethod = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new StartInactivation(code, "chemical", "Block 1", null, [tubes[0]], AppFlow.Bench)));
        var elsewhere = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new StartInactivation(Barcodes.New("I"), "heat", "Block 3", null, [tubes[0]], AppFlow.Bench)));

        Assert.Equal(first.StartedAt, retry.StartedAt);
        Assert.Equal(first.Tubes, retry.Tubes);
        Assert.All(new[] { otherTubes, otherMethod }, e => Assert.Equal("batch-exists", e.Code));
        Assert.Equal("tube-already-inactivated", elsewhere.Code);
        Assert.Equal([tubes[0]], (await app.SendAsync(new GetInactivation(code))).Tubes);
    }

    [Fact]
    public async Task Loading_adds_received_tubes_to_an_open_batch_a_tube_already_in_it_changes_nothing_and_all_are_completed_together()
    {
        var (_, tubes) = await app.ReceivedTubesAsync(3);
        var code = Barcodes.New("I");
        await app.SendAsync(new StartInactivation(code, "chemical", "Cabinet 1", null, [tubes[0]], AppFlow.Bench));

        var loaded = await app.SendAsync(new LoadInactivation(code, [tubes[0], tubes[1]]));
        var again = await app.SendAsync(new LoadInactivation(code, [tubes[1]]));

        Assert.Equal([tubes[0], tubes[1]], loaded.Tubes);
        Assert.Equal(loaded.Tubes, again.Tubes);
        var completed = await app.AtAsync(app.Clock.Now.AddMinutes(10), () => app.SendAsync(new CompleteInactivation(code, null, AppFlow.Bench)));
        Assert.Equal("completed", completed.Status);
        Assert.Equal(TubeStatus.Inactivated, (await app.TubeAsync(tubes[1])).Status);
        Assert.Equal(TubeStatus.Received, (await app.TubeAsync(tubes[2])).Status);
        var late = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new LoadInactivation(code, [tubes[2]])));
        Assert.Equal("batch-completed", late.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new LoadInactivation(Barcodes.New("I"), [tubes[2]])));
    }
}

public sealed class SqliteInactivationTests(SqliteApp fixture) : InactivationTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlInactivationTests(PostgreSqlApp fixture) : InactivationTests(fixture.App), IClassFixture<PostgreSqlApp>;

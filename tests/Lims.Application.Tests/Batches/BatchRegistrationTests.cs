using System.Text.Json;
using Lims.Application.Features.Batches;

namespace Lims.Application.Tests.Batches;

/// <summary>A hospital's batch: an answer per tube, idempotent by its key and body, and read back by its own submitter only.</summary>
public abstract class BatchRegistrationTests(LimsApp app)
{
    [Fact]
    public async Task Bad_tubes_are_rejected_each_with_its_reasons_while_the_good_ones_are_registered()
    {
        var hospital = await app.SubmitterAsync();
        var (good, twice) = (Barcodes.New(), Barcodes.New());
        var overCapacity = app.Tube(Barcodes.New()) with { Capacity = 5, Members = [.. Enumerable.Range(0, 6).Select(i => (MemberRequest?)AppFlow.Member(900 + i))] };
        var samePersonTwice = app.Tube(Barcodes.New()) with { Members = [AppFlow.Member(77), AppFlow.Member(77)] };
        TubeRequest?[] tubes =
        [
            app.Tube(good),
            app.Tube("AB C"),
            new TubeRequest(Barcodes.New(), "pooled", 10, null, null, null, null),
            overCapacity,
            app.Tube(twice),
            app.Tube(twice),
            samePersonTwice,
            app.Tube(Barcodes.New()) with { CollectedAt = app.Clock.Now.AddHours(1).ToString("O") },
            null,
        ];

        var registered = await app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("morning", tubes)));

        Assert.False(registered.Replayed);
        Assert.Equal(1, registered.Receipt.Accepted);
        var rejected = registered.Receipt.Rejected.ToDictionary(r => r.Index, r => r.Errors);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], rejected.Keys);
        Assert.Contains(rejected[1], e => e.Field == "barcode" && e.Message.Contains("position 3", StringComparison.Ordinal));
        Assert.Equal(["collectedAt", "members", "priority", "site"], rejected[2].Select(e => e.Field).Order());
        Assert.Contains(rejected[3], e => e.Field == "members" && e.Message.Contains("6 in a tube of 5", StringComparison.Ordinal));
        Assert.All(new[] { rejected[4], rejected[5] }, errors => Assert.Contains(errors, e => e.Field == "barcode" && e.Message.Contains("more than once", StringComparison.Ordinal)));
        Assert.Contains(rejected[6], e => e.Field == "members[1].idNumber");
        Assert.Contains(rejected[7], e => e.Field == "collectedAt" && e.Message.Contains("future", StringComparison.Ordinal));
        Assert.Equal([""], rejected[8].Select(e => e.Field));
        Assert.Equal("AB C", registered.Receipt.Rejected.Single(r => r.Index == 1).Barcode);

        var stored = await app.TubeAsync(good);
        Assert.Equal((TubeStatus.Registered, hospital, 3, registered.Receipt.BatchId), (stored.Status, stored.SubmitterId, stored.Members.Count, stored.SubmissionId.Value));
        Assert.Equal(0, await app.WithDbAsync(db => db.Tubes.CountAsync(t => t.Barcode == Barcode.Create(twice))));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_receipt_and_writes_nothing()
    {
        var hospital = await app.SubmitterAsync();
        var batch = new BatchRequest("retried", [app.Tube(Barcodes.New()), app.Tube("bad"), app.Tube(Barcodes.New())]);
        var key = Guid.NewGuid().ToString();
        var first = await app.SendAsync(AppFlow.Registration(hospital, batch, key));
        var afterFirst = await app.CountRowsAsync();

        var retry = await app.SendAsync(AppFlow.Registration(hospital, batch, key));

        Assert.Equal((false, true), (first.Replayed, retry.Replayed));
        Assert.Equal(JsonSerializer.Serialize(first.Receipt), JsonSerializer.Serialize(retry.Receipt));
        Assert.Equal((2, 1), (retry.Receipt.Accepted, retry.Receipt.Rejected.Count));
        Assert.Equal(afterFirst, await app.CountRowsAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_writes_nothing()
    {
        var hospital = await app.SubmitterAsync();
        var key = Guid.NewGuid().ToString();
        await app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("first", [app.Tube(Barcodes.New())]), key));
        var before = await app.CountRowsAsync();
        var other = Barcodes.New();

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("first", [app.Tube(other)]), key)));

        Assert.Equal("idempotency-key-reused", refused.Code);
        Assert.Equal(before, await app.CountRowsAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Tubes.CountAsync(t => t.Barcode == Barcode.Create(other))));
    }

    [Fact]
    public async Task An_idempotency_key_belongs_to_its_submitter()
    {
        var key = Guid.NewGuid().ToString();
        var (one, two) = (await app.SubmitterAsync(), await app.SubmitterAsync());

        var first = await app.SendAsync(AppFlow.Registration(one, new BatchRequest(null, [app.Tube(Barcodes.New())]), key));
        var second = await app.SendAsync(AppFlow.Registration(two, new BatchRequest(null, [app.Tube(Barcodes.New())]), key));

        Assert.False(second.Replayed);
        Assert.Equal(1, second.Receipt.Accepted);
        Assert.NotEqual(first.Receipt.BatchId, second.Receipt.BatchId);
    }

    [Fact]
    public async Task A_barcode_already_registered_is_rejected_for_its_tube_and_the_rest_of_the_batch_lands()
    {
        var (other, taken) = await app.RegisteredTubesAsync(1);
        var hospital = await app.SubmitterAsync();
        var fresh = Barcodes.New();
        var before = await app.CountRowsAsync();

        var registered = await app.SendAsync(AppFlow.Registration(hospital, new BatchRequest(null, [app.Tube(fresh, members: 4), app.Tube(taken[0], members: 5)])));

        Assert.Equal(1, registered.Receipt.Accepted);
        var rejection = Assert.Single(registered.Receipt.Rejected);
        Assert.Equal((1, taken[0]), (rejection.Index, rejection.Barcode));
        Assert.Equal("barcode", Assert.Single(rejection.Errors).Field);
        Assert.Contains("already registered", rejection.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before with { Submissions = before.Submissions + 1, Tubes = before.Tubes + 1, Members = before.Members + 4, Events = before.Events + 1 },
            await app.CountRowsAsync());
        var kept = await app.TubeAsync(taken[0]);
        Assert.Equal((other, 3), (kept.SubmitterId, kept.Members.Count));
    }

    [Fact]
    public async Task A_batch_without_tubes_or_idempotency_key_is_refused_naming_the_field_and_writes_nothing()
    {
        var hospital = await app.SubmitterAsync();
        var before = await app.CountRowsAsync();

        var noTubes = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("x", null))));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("x", []))));
        var noKey = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("x", [app.Tube(Barcodes.New())]), idempotencyKey: "")));

        Assert.Equal(["tubes"], noTubes.Errors.Keys);
        Assert.Equal(["tubes"], empty.Errors.Keys);
        Assert.Contains("1 to 10,000", empty.Errors["tubes"][0], StringComparison.Ordinal);
        Assert.Equal(["Idempotency-Key"], noKey.Errors.Keys);
        Assert.Equal(before, await app.CountRowsAsync());
    }

    [Fact]
    public async Task A_batch_is_read_back_by_its_submitter_with_its_tubes_and_rejections()
    {
        var hospital = await app.SubmitterAsync();
        var tubes = new[] { Barcodes.New(), Barcodes.New() };
        var registered = await app.SendAsync(AppFlow.Registration(hospital,
            new BatchRequest("site 7, morning", [app.Tube(tubes[1]), app.Tube("bad"), app.Tube(tubes[0], kind: "single", members: 1) with { Priority = "emergency" }])));

        var batch = await app.SendAsync(new GetBatch(hospital, registered.Receipt.BatchId));

        Assert.Equal(("site 7, morning", app.Clock.Now, 2), (batch.Reference, batch.ReceivedAt, batch.Accepted));
        Assert.Equal(1, Assert.Single(batch.Rejected).Index);
        Assert.Equal(tubes.Order(StringComparer.Ordinal), batch.Tubes.Select(t => t.Barcode));
        Assert.All(batch.Tubes, t => Assert.Equal(("registered", false), (t.Status, t.AtRisk)));
        // Due after collection by priority: emergency 6 h, screening 24 h.
        var dueAt = batch.Tubes.ToDictionary(t => t.Barcode, t => t.DueAt);
        Assert.Equal((app.Clock.Now.AddHours(4), app.Clock.Now.AddHours(22)), (dueAt[tubes[0]], dueAt[tubes[1]]));
    }

    [Fact]
    public async Task Another_submitters_batch_is_not_found()
    {
        var owner = await app.SubmitterAsync();
        var registered = await app.SendAsync(AppFlow.Registration(owner, new BatchRequest(null, [app.Tube(Barcodes.New())])));
        var stranger = await app.SubmitterAsync();

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBatch(stranger, registered.Receipt.BatchId)));

        Assert.Equal($"There is no batch {registered.Receipt.BatchId}.", refused.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetBatch(owner, Guid.NewGuid())));
        Assert.Equal(1, (await app.SendAsync(new GetBatch(owner, registered.Receipt.BatchId))).Accepted);
    }
}

public sealed class SqliteBatchRegistrationTests(SqliteApp fixture) : BatchRegistrationTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlBatchRegistrationTests(PostgreSqlApp fixture) : BatchRegistrationTests(fixture.App), IClassFixture<PostgreSqlApp>;

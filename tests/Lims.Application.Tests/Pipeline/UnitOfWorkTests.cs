using Lims.Application.Features.Reviews;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Reviews;
using Lims.Domain.Staff;
using Lims.Infrastructure.Persistence;

namespace Lims.Application.Tests.Pipeline;

/// <summary>A command commits all it changed — its aggregates, the reactions to their events, their own SQL — or none of it.</summary>
public abstract class UnitOfWorkTests(LimsApp app)
{
    [Fact]
    public async Task A_command_whose_save_fails_leaves_nothing_of_its_reactions()
    {
        var (_, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");

        // The override makes the pool positive, whose reaction opens its recall (on PostgreSQL with SQL of its own); then the
        // database refuses the review's row: the recall, the barcodes ordered for it and the tube's new call go with it.
        await RefusingReviewChangesAsync(async () =>
            await Assert.ThrowsAsync<DbUpdateException>(() => app.SendAsync(new OverrideCall(plate, pools[0], "positive", "S-curve", reviewer.Name, reviewer.Password))));

        Assert.Equal(0, await app.WithDbAsync(db => db.RecallCases.CountAsync(c => c.PoolBarcode == Barcode.Create(pools[0]))));
        Assert.Equal(0, await app.WithDbAsync(db => db.BarcodeAllocations.CountAsync(a => a.Prefix == "RC")));
        var tube = await app.WithDbAsync(db => db.Tubes.AsNoTracking().SingleAsync(t => t.Barcode == Barcode.Create(pools[0])));
        Assert.Equal(TubeCall.Negative, tube.Call);

        // Without the refusal, the same command does all of it.
        await app.SendAsync(new OverrideCall(plate, pools[0], "positive", "S-curve", reviewer.Name, reviewer.Password));
        Assert.Equal(RecallStatus.Open, (await app.WithDbAsync(db => db.RecallCases.AsNoTracking().SingleAsync(c => c.PoolBarcode == Barcode.Create(pools[0])))).Status);
    }

    [Fact]
    public async Task A_failed_save_inside_a_longer_transaction_takes_back_its_reactions_and_leaves_the_transaction_usable()
    {
        var (_, pools) = await app.InactivatedTubesAsync(1);
        var plate = await app.RunAsync(pools, RunFiles.Negative);
        var reviewer = await app.StaffAsync("reviewer");

        await RefusingReviewChangesAsync(() => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var review = await db.PlateReviews.SingleAsync(r => r.PlateBarcode == Barcode.Create(plate));
            review.Override(new Signer(reviewer.Name, StaffRole.Reviewer), Barcode.Create(pools[0]), TubeCall.Positive, "S-curve", app.Clock.Now);

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            // Still in the transaction: what the reactions wrote with their own SQL is gone, and the connection answers.
            Assert.Equal(0, await db.RecallCases.CountAsync(c => c.PoolBarcode == Barcode.Create(pools[0])));
            Assert.Equal(0, await db.BarcodeAllocations.CountAsync(a => a.Prefix == "RC"));
            await transaction.CommitAsync();
            return 0;
        }));
        Assert.Equal(0, await app.WithDbAsync(db => db.RecallCases.CountAsync(c => c.PoolBarcode == Barcode.Create(pools[0]))));
    }

    private async Task RefusingReviewChangesAsync(Func<Task> act)
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse_review BEFORE UPDATE ON plate_reviews BEGIN SELECT RAISE(ABORT, 'test: review refused'); END;"
            : """
              CREATE FUNCTION refuse_review() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: review refused'; END $$;
              CREATE TRIGGER refuse_review BEFORE UPDATE ON plate_reviews FOR EACH ROW EXECUTE FUNCTION refuse_review();
              """));
        try
        {
            await act();
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER refuse_review"
                : "DROP TRIGGER refuse_review ON plate_reviews; DROP FUNCTION refuse_review()"));
        }
    }
}

public sealed class SqliteUnitOfWorkTests(SqliteApp fixture) : UnitOfWorkTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlUnitOfWorkTests(PostgreSqlApp fixture) : UnitOfWorkTests(fixture.App), IClassFixture<PostgreSqlApp>;

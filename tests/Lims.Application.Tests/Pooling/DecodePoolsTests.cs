using Lims.Application.Features.Pooling;
using Lims.Domain.Pools.Characteristics;

namespace Lims.Application.Tests.Pooling;

/// <summary>Decoding pool results against a design: registered pooled tubes count as their swabs, and every refusal names its field.</summary>
public abstract class DecodePoolsTests(LimsApp app)
{
    /// <summary>A 3 × 3 array: samples S1 … S9 row by row, rows R1 … R3, columns C1 … C3.</summary>
    private static PoolMembership?[] Array3x3() =>
        [.. Enumerable.Range(1, 9).SelectMany(s => new PoolMembership?[] { new($"R{(s - 1) / 3 + 1}", $"S{s}"), new($"C{(s - 1) % 3 + 1}", $"S{s}") })];

    [Fact]
    public async Task Registered_pooled_tubes_count_as_their_swabs_and_are_never_pooled_again()
    {
        var (_, pools) = await app.RegisteredTubesAsync(2);
        var (_, singles) = await app.RegisteredTubesAsync(1, kind: "single");
        PoolMembership?[] mixed = [new("L1", pools[0]), new("L1", pools[1]), new("L1", "S-1")];

        var refused = await Assert.ThrowsAsync<PoolingInputException>(() => app.SendAsync(new DecodePools(mixed, [new("L1", null)], null)));
        var asFiles = await app.SendAsync(new DecodePools(mixed, [new("L1", 30)], null, CountRegisteredTubes: false));
        var alone = await app.SendAsync(new DecodePools([new("L2", pools[0])], [new("L2", 30)], null));
        var withSingles = await app.SendAsync(new DecodePools([new("L3", singles[0]), new("L3", "S-2")], [new("L3", null)], null));

        Assert.Equal("design", refused.Field);
        Assert.Contains("is a pooled collection tube of 3 swabs and is never pooled again", refused.Message, StringComparison.Ordinal);
        Assert.Contains(pools, p => refused.Message.Contains($"Sample '{p}'", StringComparison.Ordinal));
        // Without the database every sample is one swab: the same design decodes.
        Assert.Equal(new[] { pools[0], pools[1], "S-1" }.Order(StringComparer.Ordinal), asFiles.PossiblePositives);
        Assert.Equal([pools[0]], alone.DefinitePositives);
        // A registered single tube is one swab like any other sample.
        Assert.Equal(new[] { singles[0], "S-2" }.Order(StringComparer.Ordinal), withSingles.Negatives);
    }

    [Fact]
    public async Task A_design_under_a_larger_dilution_cap_decodes_with_it_and_registered_pooled_tubes_are_still_never_pooled_again()
    {
        var (_, pools) = await app.RegisteredTubesAsync(1);
        PoolMembership?[] pbest = [.. Enumerable.Range(1, 48).Select(s => (PoolMembership?)new("P1", $"S{s}"))];
        PoolMembership?[] withTube = [.. pbest.Take(47), new("P1", pools[0])];

        var capped = await Assert.ThrowsAsync<PoolingInputException>(() => app.SendAsync(new DecodePools(pbest, [new("P1", null)], null)));
        var decoded = await app.SendAsync(new DecodePools(pbest, [new("P1", null)], null, DilutionCap: 48));
        var pooledAgain = await Assert.ThrowsAsync<PoolingInputException>(() => app.SendAsync(new DecodePools(withTube, [new("P1", null)], null, DilutionCap: 1000)));
        var outOfBounds = await Task.WhenAll(new[] { 1, 1001 }.Select(cap =>
            Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new DecodePools(pbest, [new("P1", null)], null, DilutionCap: cap)))));

        Assert.Equal(("design", "dilution-cap-exceeded"), (capped.Field, capped.Code));
        Assert.Equal(48, decoded.Negatives.Count);
        Assert.Equal(("design", "pooled-tube-pooled-again"), (pooledAgain.Field, pooledAgain.Code));
        Assert.All(outOfBounds, e => Assert.Equal(["dilutionCap"], e.Errors.Keys));
    }

    [Fact]
    public async Task Two_positives_on_a_diagonal_leave_four_possible_positives_to_retest_in_order()
    {
        var report = await app.SendAsync(new DecodePools(Array3x3(),
            [new("R1", 30), new("R2", 31), new("R3", null), new("C1", 29), new("C2", 32), new("C3", null)], null));

        Assert.Empty(report.DefinitePositives);
        Assert.Equal(["S1", "S2", "S4", "S5"], report.PossiblePositives);
        Assert.Equal(["S3", "S6", "S7", "S8", "S9"], report.Negatives);
        Assert.Equal(["S1", "S4", "S2", "S5"], report.Retests);
        Assert.Empty(report.UntestedPools);
    }

    [Fact]
    public async Task Missing_design_and_results_are_two_errors_each_naming_its_field()
    {
        var both = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new DecodePools(null, null, null)));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new DecodePools([], [], null)));
        var noResults = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new DecodePools(Array3x3(), null, null)));

        Assert.Equal(["design", "results"], both.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("non-empty", Assert.Single(both.Errors["design"]), StringComparison.Ordinal);
        Assert.Equal(["design"], empty.Errors.Keys);
        Assert.Equal(["results"], noResults.Errors.Keys);
    }

    [Fact]
    public async Task A_membership_without_a_sample_or_a_result_without_a_pool_is_named_by_its_position()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new DecodePools([new("P1", "a"), new("P1", null), null], [new("P1", 30), new(" ", 31)], null)));

        Assert.Equal(["design[1]", "design[2]", "results[1]"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("sample", refused.Errors["design[1]"][0], StringComparison.Ordinal);
        Assert.Contains("pool", refused.Errors["results[1]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_decoder_refuses_names_the_field_of_the_request_it_lies_in()
    {
        var cases = new (DecodePools Query, string Field, string Says)[]
        {
            (new(Array3x3(), [new("R9", 30)], null), "results", "'R9'"),
            (new(Array3x3(), [new("R1", 30), new("R1", 31)], null), "results", "two results"),
            (new(Array3x3(), [new("R1", -2)], null), "results", "cycles"),
            (new([new("P1", "a"), new("P1", "a")], [], null), "design", "twice"),
            (new([.. Enumerable.Range(1, 21).Select(i => (PoolMembership?)new("P1", $"S{i}"))], [], null), "design", "dilution cap"),
            (new(Array3x3(), [], 0), "ctCutoff", "cut-off"),
        };

        foreach (var (query, field, says) in cases)
        {
            var refused = await Assert.ThrowsAsync<PoolingInputException>(() => app.SendAsync(query));
            Assert.Equal(field, refused.Field);
            Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteDecodePoolsTests(SqliteApp fixture) : DecodePoolsTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlDecodePoolsTests(PostgreSqlApp fixture) : DecodePoolsTests(fixture.App), IClassFixture<PostgreSqlApp>;

using System.Text;
using Lims.Application.Features.Batches;

namespace Lims.Application.Tests.Batches;

/// <summary>The batch as RegisterBatch reads it (BatchJson, as the API and the benchmarks do): offsets, unknown fields, keys twice, unsafe characters.</summary>
public abstract class BatchInputTests(LimsApp app)
{
    private static BatchRequest Read(string json) => BatchJson.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Tubes_without_an_offset_with_an_unknown_field_or_an_unsafe_name_are_refused_and_the_rest_registered()
    {
        var hospital = await app.SubmitterAsync();
        var (good, local, misspelt, bidi) = (Barcodes.New(), Barcodes.New(), Barcodes.New(), Barcodes.New());
        string Tube(string barcode, string collectedAt = "2026-11-23T07:00:00+08:00", string member = "\"name\":\"Wang Wu\"", string site = "Site 7") => $$"""
            {"barcode":"{{barcode}}","kind":"single","collectedAt":"{{collectedAt}}","site":"{{site}}","priority":"routine",
             "members":[{"idType":"cn-resident","idNumber":"{{Lims.Scenarios.Population.ResidentId(Random.Shared.Next(1, 1_000_000))}}",{{member}}}]}
            """;
        var batch = Read($$"""{"reference":"r","tubes":[{{Tube(good)}},{{Tube(local, "2026-11-23T07:00:00")}},{{Tube(misspelt, member: "\"name\":\"Wang Wu\",\"phon\":\"1\"")}},{{Tube(bidi, site: "Site \u202E7")}}]}""");

        var registered = await app.SendAsync(AppFlow.Registration(hospital, batch));

        Assert.Equal(1, registered.Receipt.Accepted);
        var errors = registered.Receipt.Rejected.ToDictionary(r => r.Index, r => Assert.Single(r.Errors));
        Assert.Equal(("collectedAt", true), (errors[1].Field, errors[1].Message.Contains("needs an offset", StringComparison.Ordinal)));
        Assert.Equal(("members[0].phon", true), (errors[2].Field, errors[2].Message.StartsWith("Unknown field", StringComparison.Ordinal)));
        Assert.Equal(("site", true), (errors[3].Field, errors[3].Message.Contains("U+202E", StringComparison.Ordinal)));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), (await app.TubeAsync(good)).CollectedAt);
    }

    [Theory]
    [InlineData("""{"tubes":[{"barcode":"A","barcode":"B"}]}""", "tubes[0].barcode")]
    [InlineData("""{"tubes":[],"sender":"me"}""", "sender")]
    [InlineData("""{"tubes":[{"capacity":"ten"}]}""", "tubes[0].capacity")]
    [InlineData("null", "body")]
    public void A_body_that_is_no_batch_is_refused_naming_the_field(string json, string field)
    {
        var refused = Assert.Throws<RequestValidationException>(() => Read(json));

        Assert.Equal([field], refused.Errors.Keys);
        Assert.StartsWith("The body is not a valid batch: ", refused.Errors[field][0], StringComparison.Ordinal);
    }
}

public sealed class SqliteBatchInputTests(SqliteApp fixture) : BatchInputTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlBatchInputTests(PostgreSqlApp fixture) : BatchInputTests(fixture.App), IClassFixture<PostgreSqlApp>;

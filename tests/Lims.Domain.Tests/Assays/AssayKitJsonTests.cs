using Lims.Domain.Assays;
using Lims.Domain.Common;

namespace Lims.Domain.Tests.Assays;

public sealed class AssayKitJsonTests
{
    [Fact]
    public void A_kit_survives_a_round_trip_through_json()
    {
        foreach (var kit in BuiltInKits.All)
        {
            var json = AssayKitJson.Serialize(kit);
            var back = AssayKitJson.Parse(json);

            Assert.Equal(json, AssayKitJson.Serialize(back));
            Assert.Equal(kit.Code, back.Code);
            Assert.Equal(kit.Layout, back.Layout);
            Assert.Equal(kit.Targets.Select(t => (t.Name, t.Dye, t.Role, t.CtCutoff)), back.Targets.Select(t => (t.Name, t.Dye, t.Role, t.CtCutoff)));
            Assert.Equal(kit.Controls.Select(c => (c.Role, c.PathogenTargets, c.InternalControl, c.Required)), back.Controls.Select(c => (c.Role, c.PathogenTargets, c.InternalControl, c.Required)));
        }
    }

    [Fact]
    public void Json_is_camel_case()
    {
        var json = AssayKitJson.Serialize(BuiltInKits.ChinaOrf1abN);

        Assert.Contains("\"ctCutoff\": 40", json);
        Assert.Contains("\"greyZone\": {", json);
        Assert.Contains("\"requiredPositiveTargets\": 2", json);
        Assert.Contains("\"role\": \"internal-control\"", json);
        Assert.Contains("\"pathogenTargets\": \"amplify\"", json);
    }

    [Fact]
    public void A_lab_kit_is_read_from_json_with_defaults()
    {
        var kit = AssayKitJson.Parse("""
            {
              // comments are allowed
              "code": "lab-e-gene",
              "name": "Lab E gene",
              "version": "2024-1",
              "targets": [
                { "name": "E", "dye": "FAM", "role": "pathogen" },
                { "name": "RP", "dye": "HEX", "role": "internal-control", "ctCutoff": 35 }
              ],
              "ctCutoff": 38,
            }
            """);

        Assert.Equal(1, kit.RequiredPositiveTargets);
        Assert.Null(kit.GreyZone);
        Assert.Equal(35, kit.Targets[1].CtCutoff);
        Assert.Equal(38, kit.Targets[0].CtCutoff);
        Assert.Equal(3, kit.Controls.Count);
    }

    [Fact]
    public void A_misspelt_property_is_refused_rather_than_ignored()
    {
        var e = Assert.Throws<DomainException>(() => AssayKitJson.Parse("""{ "code": "x", "name": "x", "version": "1", "ctCutof": 40, "targets": [] }"""));

        Assert.Equal("invalid-assay-kit", e.Code);
        Assert.Contains("ctCutof", e.Message);
    }

    [Theory]
    [InlineData("{ \"code\": ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{ \"ctCutoff\": \"forty\" }")]
    public void Malformed_json_is_a_domain_error(string json)
    {
        Assert.Equal("invalid-assay-kit", Assert.Throws<DomainException>(() => AssayKitJson.Parse(json)).Code);
    }

    [Fact]
    public void A_contradictory_kit_in_json_is_refused_with_the_rule_that_breaks()
    {
        var e = Assert.Throws<DomainException>(() => AssayKitJson.Parse("""
            { "code": "k", "name": "k", "version": "1", "ctCutoff": 40, "greyZone": { "from": 36, "to": 45 },
              "targets": [ { "name": "N", "role": "pathogen" } ] }
            """));

        Assert.Contains("grey zone 36–45 ends above the Ct cut-off 40", e.Message);
    }
}

using Lims.Domain.Assays;
using Lims.Domain.Common;

namespace Lims.Domain.Tests.Assays;

public sealed class AssayKitTests
{
    internal static AssayKitDefinition Valid() => new()
    {
        Code = "test-kit",
        Name = "Test kit",
        Version = "1",
        Targets =
        [
            new KitTargetDefinition { Name = "ORF1ab", Dye = "FAM", Role = "pathogen" },
            new KitTargetDefinition { Name = "N", Dye = "VIC", Role = "pathogen" },
            new KitTargetDefinition { Name = "IC", Dye = "Cy5", Role = "internal-control" },
        ],
        CtCutoff = 40,
        GreyZone = new CtRangeDefinition { From = 35, To = 40 },
        RequiredPositiveTargets = 2,
    };

    private static string Refusal(AssayKitDefinition definition)
    {
        var e = Assert.Throws<DomainException>(() => AssayKit.Create(definition));
        Assert.Equal("invalid-assay-kit", e.Code);
        return e.Message;
    }

    [Fact]
    public void A_consistent_definition_becomes_a_kit_with_defaults_filled_in()
    {
        var kit = AssayKit.Create(Valid() with { RequiredPositiveTargets = null });

        Assert.Equal("test-kit", kit.Code);
        Assert.Equal(2, kit.RequiredPositiveTargets);
        Assert.Equal(new CtRange(35, 40), kit.GreyZone);
        Assert.Equal(WellLayout.Multiplex, kit.Layout);
        Assert.True(kit.CurveCheck);
        Assert.Equal(2, kit.MaxRetests);
        Assert.Equal([WellRole.PositiveControl, WellRole.NegativeControl, WellRole.ExtractionControl], kit.Controls.Select(c => c.Role));
        Assert.Contains("NTC", kit.Controls[1].SampleNames);
        Assert.Equal(Expectation.Absent, kit.Controls[1].InternalControl);
    }

    [Fact]
    public void Grey_zone_ending_above_the_cut_off_is_refused()
    {
        var message = Refusal(Valid() with { GreyZone = new CtRangeDefinition { From = 35, To = 42 } });
        Assert.Contains("ends above the Ct cut-off 40", message);
    }

    [Fact]
    public void Grey_zone_starting_at_or_above_the_cut_off_is_refused()
    {
        var message = Refusal(Valid() with { CtCutoff = 35, GreyZone = new CtRangeDefinition { From = 36, To = 38 } });
        Assert.Contains("starts at or above the Ct cut-off 35", message);
    }

    [Fact]
    public void Grey_zone_that_ends_before_it_starts_is_refused()
    {
        var message = Refusal(Valid() with { GreyZone = new CtRangeDefinition { From = 38, To = 36 } });
        Assert.Contains("must start below its end", message);
    }

    [Fact]
    public void More_required_positives_than_pathogen_targets_is_refused()
    {
        var message = Refusal(Valid() with { RequiredPositiveTargets = 3 });
        Assert.Contains("requiredPositiveTargets is 3 but the kit has only 2 pathogen targets", message);
    }

    [Fact]
    public void Zero_required_positives_is_refused()
    {
        Assert.Contains("at least 1", Refusal(Valid() with { RequiredPositiveTargets = 0 }));
    }

    [Fact]
    public void A_kit_without_a_pathogen_target_is_refused()
    {
        var message = Refusal(Valid() with { Targets = [new KitTargetDefinition { Name = "IC", Role = "internal-control" }], RequiredPositiveTargets = null });
        Assert.Contains("at least one pathogen target", message);
    }

    [Fact]
    public void A_kit_without_targets_is_refused()
    {
        Assert.Contains("at least one target", Refusal(Valid() with { Targets = [] }));
    }

    [Theory]
    [InlineData("N", "N")]
    [InlineData("N", "n")]
    [InlineData("ORF1ab", "ORF-1AB")]
    public void Duplicate_target_names_are_refused(string first, string second)
    {
        var message = Refusal(Valid() with
        {
            Targets = [new KitTargetDefinition { Name = first, Role = "pathogen" }, new KitTargetDefinition { Name = second, Role = "pathogen" }],
        });
        Assert.Contains("already used by target", message);
    }

    [Fact]
    public void An_alias_that_names_another_target_is_refused()
    {
        var message = Refusal(Valid() with
        {
            Targets =
            [
                new KitTargetDefinition { Name = "N", Role = "pathogen" },
                new KitTargetDefinition { Name = "IC", Role = "internal-control", Aliases = ["n"] },
            ],
            RequiredPositiveTargets = 1,
        });
        Assert.Contains("'n' of target IC is already used by target N", message);
    }

    [Fact]
    public void Two_multiplexed_targets_on_one_dye_are_refused_but_allowed_singleplex()
    {
        var shared = Valid() with
        {
            Targets = [new KitTargetDefinition { Name = "N1", Dye = "FAM", Role = "pathogen" }, new KitTargetDefinition { Name = "N2", Dye = "fam", Role = "pathogen" }],
        };

        Assert.Contains("share the dye", Refusal(shared));
        Assert.Equal(WellLayout.Singleplex, AssayKit.Create(shared with { Layout = "singleplex" }).Layout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void A_cut_off_that_is_not_a_ct_is_refused(double cutoff)
    {
        Assert.Contains("ctCutoff must be a Ct above 0", Refusal(Valid() with { CtCutoff = cutoff, GreyZone = null }));
    }

    [Fact]
    public void Missing_code_name_version_or_cut_off_is_refused()
    {
        Assert.Contains("code", Refusal(Valid() with { Code = " " }));
        Assert.Contains("name", Refusal(Valid() with { Name = null }));
        Assert.Contains("version", Refusal(Valid() with { Version = "" }));
        Assert.Contains("ctCutoff is required", Refusal(Valid() with { CtCutoff = null }));
        Assert.Contains("is not one", Refusal(Valid() with { Code = "has space" }));
    }

    [Fact]
    public void Unknown_roles_and_layouts_are_refused_with_the_allowed_values()
    {
        Assert.Contains("pathogen or internal-control", Refusal(Valid() with { Targets = [new KitTargetDefinition { Name = "N", Role = "virus" }] }));
        Assert.Contains("multiplex or singleplex", Refusal(Valid() with { Layout = "triplex" }));
    }

    [Fact]
    public void A_positive_control_that_must_not_amplify_is_refused()
    {
        var message = Refusal(Valid() with { Controls = [new ControlRuleDefinition { Role = "positive", PathogenTargets = "absent" }] });
        Assert.Contains("a positive control must amplify the pathogen targets", message);
    }

    [Fact]
    public void A_negative_control_that_must_amplify_is_refused()
    {
        var message = Refusal(Valid() with { Controls = [new ControlRuleDefinition { Role = "negative", PathogenTargets = "amplify" }] });
        Assert.Contains("a negative control must not amplify the pathogen targets", message);
    }

    [Fact]
    public void An_internal_control_expectation_without_an_internal_control_target_is_refused()
    {
        var message = Refusal(Valid() with
        {
            Targets = [new KitTargetDefinition { Name = "N", Role = "pathogen" }],
            RequiredPositiveTargets = 1,
            Controls = [new ControlRuleDefinition { Role = "negative", InternalControl = "absent" }],
        });
        Assert.Contains("the kit has no internal-control target", message);
    }

    [Fact]
    public void A_sample_name_claimed_by_two_controls_is_refused()
    {
        var message = Refusal(Valid() with
        {
            Controls =
            [
                new ControlRuleDefinition { Role = "positive", SampleNames = ["PC", "CTRL"] },
                new ControlRuleDefinition { Role = "negative", SampleNames = ["ctrl"] },
            ],
        });
        Assert.Contains("'ctrl' is both a positive and a negative control", message);
    }

    [Fact]
    public void A_control_defined_twice_is_refused()
    {
        var message = Refusal(Valid() with
        {
            Controls = [new ControlRuleDefinition { Role = "positive", SampleNames = ["PC"] }, new ControlRuleDefinition { Role = "positive", SampleNames = ["POS"] }],
        });
        Assert.Contains("positive control is defined twice", message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Max_retests_outside_0_to_10_is_refused(int retests)
    {
        Assert.Contains("maxRetests", Refusal(Valid() with { MaxRetests = retests }));
    }

    [Fact]
    public void The_built_in_kits_are_valid_and_found_by_code()
    {
        Assert.Same(BuiltInKits.Cdc2019nCoV, BuiltInKits.Find("CDC-2019-nCoV"));
        Assert.Same(BuiltInKits.ChinaOrf1abN, BuiltInKits.Find("cn-orf1ab-n"));
        Assert.Null(BuiltInKits.Find("no-such-kit"));

        var china = BuiltInKits.ChinaOrf1abN;
        Assert.Equal(["ORF1ab", "N"], china.PathogenTargets.Select(t => t.Name));
        Assert.Equal(40, china.CtCutoff);
        Assert.Equal(new CtRange(35, 40), china.GreyZone);

        var cdc = BuiltInKits.Cdc2019nCoV;
        Assert.Equal(["N1", "N2"], cdc.PathogenTargets.Select(t => t.Name));
        Assert.Equal("RP", Assert.Single(cdc.InternalControls).Name);
        Assert.Equal(WellLayout.Singleplex, cdc.Layout);
        Assert.Null(cdc.GreyZone);
    }

    [Theory]
    [InlineData("NTC", true)]
    [InlineData("ntc", true)]
    [InlineData("NTC 1", true)]
    [InlineData("NTC-2", true)]
    [InlineData("NTC12", true)]
    [InlineData("Negative Control", true)]
    [InlineData("negative control 3", true)]
    [InlineData("NC", true)]
    [InlineData("NCOV-123", false)]
    [InlineData("NC0012345", false)]
    [InlineData("TUBE-NTC", false)]
    [InlineData(null, false)]
    public void Negative_control_names_match_by_convention(string? sample, bool matches)
    {
        var negative = BuiltInKits.ChinaOrf1abN.Controls.Single(c => c.Role == WellRole.NegativeControl);
        Assert.Equal(matches, negative.Matches(sample));
    }
}

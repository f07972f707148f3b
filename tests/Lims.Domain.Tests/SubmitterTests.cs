using Lims.Domain.Common;
using Lims.Domain.Submitters;

namespace Lims.Domain.Tests;

public sealed class SubmitterTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("demo")]
    [InlineData("ab")]
    [InlineData("a-")]
    [InlineData("0lab")]
    [InlineData("city-hospital-3")]
    [InlineData("a234567890123456789012345678901b")]
    public void Code_of_2_to_32_lowercase_letters_digits_or_dashes_is_accepted(string code)
    {
        var submitter = Submitter.Create(code, "City Hospital", SubmitterKind.Hospital, Now);

        Assert.Equal(code, submitter.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a2345678901234567890123456789012c")]
    [InlineData("Demo")]
    [InlineData("DEMO")]
    [InlineData("-demo")]
    [InlineData("de mo")]
    [InlineData(" demo")]
    [InlineData("demo ")]
    [InlineData("de_mo")]
    [InlineData("de.mo")]
    [InlineData("démo")]
    [InlineData("医院")]
    public void Any_other_code_is_rejected(string code)
    {
        var ex = Assert.Throws<DomainException>(() => Submitter.Create(code, "City Hospital", SubmitterKind.Hospital, Now));

        Assert.Equal("invalid-submitter-code", ex.Code);
    }

    [Fact]
    public void Missing_code_is_rejected()
    {
        var ex = Assert.Throws<DomainException>(() => Submitter.Create(null!, "City Hospital", SubmitterKind.Hospital, Now));

        Assert.Equal("invalid-submitter-code", ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string name)
    {
        var ex = Assert.Throws<DomainException>(() => Submitter.Create("demo", name, SubmitterKind.CollectionSite, Now));

        Assert.Equal("name-required", ex.Code);
    }

    [Fact]
    public void Creation_keeps_the_trimmed_name_kind_and_time()
    {
        var submitter = Submitter.Create("site-7", "  Site 7 (stadium)  ", SubmitterKind.CollectionSite, Now);

        Assert.Equal("Site 7 (stadium)", submitter.Name);
        Assert.Equal(SubmitterKind.CollectionSite, submitter.Kind);
        Assert.Equal(Now, submitter.CreatedAt);
    }

    [Fact]
    public void Each_submitter_gets_its_own_id()
    {
        var a = Submitter.Create("demo", "Demo", SubmitterKind.Hospital, Now);
        var b = Submitter.Create("demo", "Demo", SubmitterKind.Hospital, Now);

        Assert.NotEqual(Guid.Empty, a.Id.Value);
        Assert.NotEqual(a.Id, b.Id);
    }
}

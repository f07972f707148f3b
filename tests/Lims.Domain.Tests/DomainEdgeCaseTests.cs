using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

/// <summary>Edge cases found in review of the domain.</summary>
public sealed class DomainEdgeCaseTests
{
    [Theory]
    [InlineData("demo\n")]
    [InlineData("demo\r\n")]
    public void A_submitter_code_with_a_trailing_newline_is_refused(string code)
    {
        Assert.False(Submitter.IsValidCode(code));
        Assert.Equal("invalid-submitter-code", Assert.Throws<DomainException>(() => Submitter.Create(code, "x", SubmitterKind.Hospital, TestData.RegisteredAt)).Code);
    }

    [Fact]
    public void Registration_names_who_registered()
    {
        var error = Assert.Throws<DomainException>(() => TestData.Register(actor: " "));
        Assert.Equal("actor-required", error.Code);
    }

    [Fact]
    public void An_action_in_the_wrong_state_is_reported_as_such_even_without_a_reason()
    {
        var tube = TestData.Register();
        Assert.Throws<IllegalTransitionException>(() => tube.Reject(" ", TestData.RegisteredAt, "tech"));
        Assert.Throws<IllegalTransitionException>(() => tube.Plate("", TestData.RegisteredAt, "tech"));
    }

    [Fact]
    public void Registration_and_history_times_are_kept_in_utc()
    {
        var tube = TestData.Register();
        tube.Ship(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), "courier");

        Assert.Equal(TimeSpan.Zero, tube.RegisteredAt.Offset);
        Assert.All(tube.History, h => Assert.Equal(TimeSpan.Zero, h.At.Offset));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero), tube.History[^1].At);
    }

    [Fact]
    public void The_history_cannot_be_changed_from_outside()
    {
        var tube = TestData.Register();
        Assert.False(tube.History is List<TubeStatusChange>);
        Assert.False(tube.Members is List<Member>);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Lims.Domain.Common;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;

namespace Lims.Domain.Tests.Common;

public sealed class WireTests
{
    [Theory]
    [InlineData(ReviewStatus.AwaitingSecondApproval, "awaiting-second-approval")]
    [InlineData(ReviewItemState.SentToRetest, "sent-to-retest")]
    [InlineData(TubeStatus.Interpreted, "interpreted")]
    [InlineData(PersonIdType.CnResident, "cn-resident")]
    public void An_enum_value_is_written_in_kebab_case(Enum value, string wire) =>
        Assert.Equal(wire, value switch
        {
            ReviewStatus s => s.ToWire(),
            ReviewItemState s => s.ToWire(),
            TubeStatus s => s.ToWire(),
            PersonIdType s => s.ToWire(),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        });

    [Fact]
    public void A_member_may_name_itself_where_the_domain_word_differs() =>
        Assert.Equal("collected-received", TurnaroundStage.CollectedToReceived.ToWire());

    [Fact]
    public void Every_value_reads_back_from_its_wire_name_and_only_from_it()
    {
        foreach (var status in Enum.GetValues<TubeStatus>()) Assert.Equal(status, Wire.Parse<TubeStatus>(status.ToWire()));
        Assert.Null(Wire.Parse<TubeStatus>("Interpreted"));
        Assert.Null(Wire.Parse<TubeStatus>(null));
        Assert.Null(Wire.Parse<TubeStatus>(""));
    }

    [Fact]
    public void The_names_are_those_the_json_converter_writes_with_the_kebab_case_policy()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };
        foreach (var stage in Enum.GetValues<TurnaroundStage>())
            Assert.Equal($"\"{stage.ToWire()}\"", JsonSerializer.Serialize(stage, options));
        foreach (var state in Enum.GetValues<ReviewItemState>())
            Assert.Equal($"\"{state.ToWire()}\"", JsonSerializer.Serialize(state, options));
    }

    [Fact]
    public void A_message_lists_the_names_in_order() =>
        Assert.Equal("single or pooled", Wire.OneOf<TubeKind>());
}

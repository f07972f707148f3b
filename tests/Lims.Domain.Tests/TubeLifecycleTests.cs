using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

/// <summary>Every lab action a <see cref="Tube"/> offers.</summary>
public enum LabAction
{
    Ship,
    Receive,
    Reject,
    Cancel,
    Inactivate,
    Plate,
    RecordAmplification,
    Interpret,
    SendToRetest,
    Review,
    Release,
}

public sealed class TubeLifecycleTests
{
    private static readonly DateTimeOffset ActionTime = TestData.RegisteredAt.AddHours(2);
    private const string Actor = "tech-42";
    private const string Reason = "  label smudged  ";
    private const string Location = "  PL-0007:B3 ";

    /// <summary>
    /// The workflow as the product describes it, written out by hand: the only (state, action)
    /// pairs that are allowed, and where each one leads. Everything else must be refused.
    /// </summary>
    private static readonly Dictionary<(TubeStatus From, LabAction Action), TubeStatus> Legal = new()
    {
        [(TubeStatus.Registered, LabAction.Ship)] = TubeStatus.Shipped,
        [(TubeStatus.Registered, LabAction.Cancel)] = TubeStatus.Cancelled,
        [(TubeStatus.Shipped, LabAction.Receive)] = TubeStatus.Received,
        [(TubeStatus.Shipped, LabAction.Reject)] = TubeStatus.Rejected,
        [(TubeStatus.Received, LabAction.Reject)] = TubeStatus.Rejected,
        [(TubeStatus.Received, LabAction.Inactivate)] = TubeStatus.Inactivated,
        [(TubeStatus.Inactivated, LabAction.Plate)] = TubeStatus.Plated,
        [(TubeStatus.Retest, LabAction.Plate)] = TubeStatus.Plated,
        [(TubeStatus.Plated, LabAction.RecordAmplification)] = TubeStatus.Amplified,
        [(TubeStatus.Amplified, LabAction.Interpret)] = TubeStatus.Interpreted,
        [(TubeStatus.Amplified, LabAction.SendToRetest)] = TubeStatus.Retest,
        [(TubeStatus.Interpreted, LabAction.SendToRetest)] = TubeStatus.Retest,
        [(TubeStatus.Interpreted, LabAction.Review)] = TubeStatus.Reviewed,
        [(TubeStatus.Reviewed, LabAction.SendToRetest)] = TubeStatus.Retest,
        [(TubeStatus.Reviewed, LabAction.Release)] = TubeStatus.Released,
    };

    /// <summary>Every state × every action, with the state it should lead to or null when refused.</summary>
    public static TheoryData<TubeStatus, LabAction, TubeStatus?> AllPairs()
    {
        var data = new TheoryData<TubeStatus, LabAction, TubeStatus?>();
        foreach (var state in Enum.GetValues<TubeStatus>())
            foreach (var action in Enum.GetValues<LabAction>())
                data.Add(state, action, Legal.TryGetValue((state, action), out var to) ? to : null);
        return data;
    }

    public static TheoryData<TubeStatus, LabAction> LegalPairs()
    {
        var data = new TheoryData<TubeStatus, LabAction>();
        foreach (var ((state, action), _) in Legal) data.Add(state, action);
        return data;
    }

    public static TheoryData<TubeStatus> AllStates() => [.. Enum.GetValues<TubeStatus>()];

    /// <summary>A fresh tube driven to <paramref name="state"/> through legal actions only.</summary>
    private static Tube TubeIn(TubeStatus state, TubeCall call = TubeCall.Positive)
    {
        var t = TestData.RegisteredAt;
        var tube = TestData.Register();
        void Ship() => tube.Ship(t.AddMinutes(10), "courier");
        void Receive() { Ship(); tube.Receive(t.AddMinutes(20), "reception"); }
        void Inactivate() { Receive(); tube.Inactivate(t.AddMinutes(30), "bsl2"); }
        void Plate() { Inactivate(); tube.Plate("PL-0001:A1", t.AddMinutes(40), "plater"); }
        void Amplify() { Plate(); tube.RecordAmplification(t.AddMinutes(50), "pcr"); }
        void Interpret() { Amplify(); tube.Interpret(call, t.AddMinutes(60), "analyst"); }
        void Review() { Interpret(); tube.Review(t.AddMinutes(70), "reviewer"); }

        switch (state)
        {
            case TubeStatus.Registered: break;
            case TubeStatus.Shipped: Ship(); break;
            case TubeStatus.Received: Receive(); break;
            case TubeStatus.Rejected: Ship(); tube.Reject("leaking", t.AddMinutes(20), "reception"); break;
            case TubeStatus.Inactivated: Inactivate(); break;
            case TubeStatus.Plated: Plate(); break;
            case TubeStatus.Amplified: Amplify(); break;
            case TubeStatus.Interpreted: Interpret(); break;
            case TubeStatus.Retest: Interpret(); tube.SendToRetest("weak curve", t.AddMinutes(65), "analyst"); break;
            case TubeStatus.Reviewed: Review(); break;
            case TubeStatus.Released: Review(); tube.Release(t.AddMinutes(80), "releaser"); break;
            case TubeStatus.Cancelled: tube.Cancel("duplicate order", t.AddMinutes(5), "registrar"); break;
            default: throw new ArgumentOutOfRangeException(nameof(state), state, "No path to this state yet.");
        }
        Assert.Equal(state, tube.Status);
        return tube;
    }

    /// <summary>Performs <paramref name="action"/>; <paramref name="reason"/> replaces the default reason or location.</summary>
    private static void Apply(Tube tube, LabAction action, string by = Actor, string? reason = null)
    {
        switch (action)
        {
            case LabAction.Ship: tube.Ship(ActionTime, by); break;
            case LabAction.Receive: tube.Receive(ActionTime, by); break;
            case LabAction.Reject: tube.Reject(reason ?? Reason, ActionTime, by); break;
            case LabAction.Cancel: tube.Cancel(reason ?? Reason, ActionTime, by); break;
            case LabAction.Inactivate: tube.Inactivate(ActionTime, by); break;
            case LabAction.Plate: tube.Plate(reason ?? Location, ActionTime, by); break;
            case LabAction.RecordAmplification: tube.RecordAmplification(ActionTime, by); break;
            case LabAction.Interpret: tube.Interpret(TubeCall.Negative, ActionTime, by); break;
            case LabAction.SendToRetest: tube.SendToRetest(reason ?? Reason, ActionTime, by); break;
            case LabAction.Review: tube.Review(ActionTime, by); break;
            case LabAction.Release: tube.Release(ActionTime, by); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    /// <summary>What the history should say about an action: the trimmed reason, location or call.</summary>
    private static string? ExpectedReason(LabAction action) => action switch
    {
        LabAction.Reject or LabAction.Cancel or LabAction.SendToRetest => Reason.Trim(),
        LabAction.Plate => Location.Trim(),
        LabAction.Interpret => "negative",
        _ => null,
    };

    private static string ExpectedWord(LabAction action) => action switch
    {
        LabAction.Ship => "shipped",
        LabAction.Receive => "received",
        LabAction.Reject => "rejected",
        LabAction.Cancel => "cancelled",
        LabAction.Inactivate => "inactivated",
        LabAction.Plate => "plated",
        LabAction.RecordAmplification => "amplified",
        LabAction.Interpret => "interpreted",
        LabAction.SendToRetest => "sent to retest",
        LabAction.Review => "reviewed",
        LabAction.Release => "released",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static void AssertUnchanged(Tube tube, TubeStatus status, TubeStatusChange[] history, TubeCall? call, int retests)
    {
        Assert.Equal(status, tube.Status);
        Assert.Equal(history, tube.History);
        Assert.Equal(call, tube.Call);
        Assert.Equal(retests, tube.RetestCount);
    }

    // --- the state machine, exhaustively ---

    [Fact]
    public void The_helper_reaches_every_state_with_a_history_of_legal_steps()
    {
        foreach (var state in Enum.GetValues<TubeStatus>())
        {
            var tube = TubeIn(state);
            Assert.Equal(TubeStatus.Registered, tube.History[0].To);
            for (var i = 1; i < tube.History.Count; i++)
            {
                var step = tube.History[i];
                Assert.Equal(tube.History[i - 1].To, step.From);
                Assert.Contains(Legal, l => l.Key.From == step.From && l.Value == step.To);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_action_in_each_state_moves_as_the_workflow_says_or_is_refused(TubeStatus from, LabAction action, TubeStatus? expected)
    {
        var tube = TubeIn(from);
        var history = tube.History.ToArray();
        var call = tube.Call;
        var retests = tube.RetestCount;

        if (expected is { } to)
        {
            Apply(tube, action);

            Assert.Equal(to, tube.Status);
            Assert.Equal(history.Length + 1, tube.History.Count);
            Assert.Equal(history, tube.History.Take(history.Length));
            Assert.Equal(new TubeStatusChange(from, to, ActionTime, Actor, ExpectedReason(action)), tube.History[^1]);
        }
        else
        {
            var ex = Assert.Throws<IllegalTransitionException>(() => Apply(tube, action));

            Assert.Equal("illegal-transition", ex.Code);
            Assert.Equal(ExpectedWord(action), ex.Action);
            Assert.Equal(from.ToWire(), ex.From);
            Assert.Equal($"A tube that is {from.ToWire()} cannot be {ExpectedWord(action)}.", ex.Message);
            AssertUnchanged(tube, from, history, call, retests);
        }
    }

    [Fact]
    public void A_tube_can_go_around_the_retest_loop_and_still_be_released()
    {
        var tube = TubeIn(TubeStatus.Interpreted, TubeCall.Inconclusive);

        tube.SendToRetest("inconclusive", ActionTime, Actor);
        tube.Plate("PL-0002:C4", ActionTime, Actor);
        tube.RecordAmplification(ActionTime, Actor);
        tube.Interpret(TubeCall.Positive, ActionTime, Actor);
        tube.Review(ActionTime, Actor);
        tube.Release(ActionTime, Actor);

        Assert.Equal(TubeStatus.Released, tube.Status);
        Assert.Equal(TubeCall.Positive, tube.Call);
        Assert.Equal(1, tube.RetestCount);
        Assert.Equal(
            [TubeStatus.Registered, TubeStatus.Shipped, TubeStatus.Received, TubeStatus.Inactivated, TubeStatus.Plated,
             TubeStatus.Amplified, TubeStatus.Interpreted, TubeStatus.Retest, TubeStatus.Plated, TubeStatus.Amplified,
             TubeStatus.Interpreted, TubeStatus.Reviewed, TubeStatus.Released],
            tube.History.Select(h => h.To));
    }

    // --- interpretation, review and retest ---

    [Theory]
    [InlineData(TubeCall.Positive, "positive")]
    [InlineData(TubeCall.Negative, "negative")]
    [InlineData(TubeCall.Inconclusive, "inconclusive")]
    [InlineData(TubeCall.Invalid, "invalid")]
    public void Interpret_records_the_call_and_writes_it_in_the_history(TubeCall call, string word)
    {
        var tube = TubeIn(TubeStatus.Amplified);

        tube.Interpret(call, ActionTime, Actor);

        Assert.Equal(call, tube.Call);
        Assert.Equal(word, tube.History[^1].Reason);
    }

    [Fact]
    public void A_refused_interpretation_does_not_record_a_call()
    {
        var tube = TubeIn(TubeStatus.Plated);

        Assert.Throws<IllegalTransitionException>(() => tube.Interpret(TubeCall.Positive, ActionTime, Actor));

        Assert.Null(tube.Call);
    }

    [Theory]
    [InlineData(TubeCall.Positive)]
    [InlineData(TubeCall.Negative)]
    public void Review_of_a_positive_or_negative_call_keeps_the_call(TubeCall call)
    {
        var tube = TubeIn(TubeStatus.Interpreted, call);

        tube.Review(ActionTime, Actor);

        Assert.Equal(TubeStatus.Reviewed, tube.Status);
        Assert.Equal(call, tube.Call);
    }

    [Theory]
    [InlineData(TubeCall.Inconclusive, "inconclusive")]
    [InlineData(TubeCall.Invalid, "invalid")]
    public void Review_of_an_inconclusive_or_invalid_call_is_refused_as_not_final(TubeCall call, string word)
    {
        var tube = TubeIn(TubeStatus.Interpreted, call);
        var history = tube.History.ToArray();

        var ex = Assert.Throws<DomainException>(() => tube.Review(ActionTime, Actor));

        Assert.IsNotType<IllegalTransitionException>(ex);
        Assert.Equal("call-not-final", ex.Code);
        Assert.Contains(word, ex.Message, StringComparison.Ordinal);
        Assert.Contains(tube.Barcode.Value, ex.Message, StringComparison.Ordinal);
        AssertUnchanged(tube, TubeStatus.Interpreted, history, call, 0);
    }

    [Theory]
    [InlineData(TubeCall.Inconclusive)]
    [InlineData(TubeCall.Invalid)]
    [InlineData(TubeCall.Positive)]
    public void SendToRetest_after_interpretation_clears_the_call_and_counts_the_retest(TubeCall call)
    {
        var tube = TubeIn(TubeStatus.Interpreted, call);

        tube.SendToRetest("reviewer asked", ActionTime, Actor);

        Assert.Equal(TubeStatus.Retest, tube.Status);
        Assert.Null(tube.Call);
        Assert.Equal(1, tube.RetestCount);
    }

    [Theory]
    [InlineData(TubeStatus.Amplified)]
    [InlineData(TubeStatus.Reviewed)]
    public void SendToRetest_from_other_allowed_states_also_counts_and_clears(TubeStatus from)
    {
        var tube = TubeIn(from);

        tube.SendToRetest("plate control failed", ActionTime, Actor);

        Assert.Null(tube.Call);
        Assert.Equal(1, tube.RetestCount);
    }

    [Fact]
    public void Every_retest_is_counted()
    {
        var tube = TubeIn(TubeStatus.Amplified);
        for (var n = 1; n <= 3; n++)
        {
            tube.Interpret(TubeCall.Invalid, ActionTime, Actor);
            tube.SendToRetest($"invalid #{n}", ActionTime, Actor);
            Assert.Equal(n, tube.RetestCount);
            tube.Plate($"PL-{n}:A1", ActionTime, Actor);
            tube.RecordAmplification(ActionTime, Actor);
        }

        Assert.Equal(3, tube.History.Count(h => h.To == TubeStatus.Retest));
    }

    [Fact]
    public void A_refused_retest_is_not_counted()
    {
        var tube = TubeIn(TubeStatus.Plated);

        Assert.Throws<IllegalTransitionException>(() => tube.SendToRetest("why not", ActionTime, Actor));

        Assert.Equal(0, tube.RetestCount);
    }

    // --- reasons and actors ---

    [Theory]
    [InlineData(LabAction.Reject, TubeStatus.Shipped, "")]
    [InlineData(LabAction.Reject, TubeStatus.Received, "  ")]
    [InlineData(LabAction.Cancel, TubeStatus.Registered, "")]
    [InlineData(LabAction.Cancel, TubeStatus.Registered, "\t")]
    [InlineData(LabAction.Plate, TubeStatus.Inactivated, "")]
    [InlineData(LabAction.Plate, TubeStatus.Retest, " ")]
    [InlineData(LabAction.SendToRetest, TubeStatus.Interpreted, "")]
    [InlineData(LabAction.SendToRetest, TubeStatus.Amplified, "\n")]
    [InlineData(LabAction.SendToRetest, TubeStatus.Reviewed, " ")]
    public void Reject_Cancel_Plate_and_SendToRetest_require_a_reason(LabAction action, TubeStatus from, string reason)
    {
        var tube = TubeIn(from);
        var history = tube.History.ToArray();
        var call = tube.Call;
        var retests = tube.RetestCount;

        var ex = Assert.Throws<DomainException>(() => Apply(tube, action, reason: reason));

        Assert.Equal("reason-required", ex.Code);
        AssertUnchanged(tube, from, history, call, retests);
    }

    [Fact]
    public void Reject_requires_a_reason()
    {
        var tube = TubeIn(TubeStatus.Received);

        Assert.Equal("reason-required", Assert.Throws<DomainException>(() => tube.Reject(" ", ActionTime, Actor)).Code);
        Assert.Equal(TubeStatus.Received, tube.Status);
    }

    [Theory]
    [MemberData(nameof(LegalPairs))]
    public void Every_action_requires_an_actor(TubeStatus from, LabAction action)
    {
        foreach (var blank in new[] { "", "   ", "\t" })
        {
            var tube = TubeIn(from);
            var history = tube.History.ToArray();
            var call = tube.Call;
            var retests = tube.RetestCount;

            var ex = Assert.Throws<DomainException>(() => Apply(tube, action, by: blank));

            Assert.Equal("actor-required", ex.Code);
            AssertUnchanged(tube, from, history, call, retests);
        }
    }

    [Fact]
    public void The_history_records_each_step_with_its_own_time_and_actor()
    {
        var tube = TestData.Register(actor: "registrar");
        var t0 = TestData.RegisteredAt;

        tube.Ship(t0.AddHours(1), "courier");
        tube.Receive(t0.AddHours(2), "reception");
        tube.Reject("  tube leaking ", t0.AddHours(3), "reception");

        Assert.Equal(
            [
                new TubeStatusChange(null, TubeStatus.Registered, t0, "registrar", null),
                new TubeStatusChange(TubeStatus.Registered, TubeStatus.Shipped, t0.AddHours(1), "courier", null),
                new TubeStatusChange(TubeStatus.Shipped, TubeStatus.Received, t0.AddHours(2), "reception", null),
                new TubeStatusChange(TubeStatus.Received, TubeStatus.Rejected, t0.AddHours(3), "reception", "tube leaking"),
            ],
            tube.History);
    }

    // --- at risk (the rule the recurring check applies set-based; flagging itself is tested against the databases) ---

    [Fact]
    public void The_at_risk_rule_holds_in_the_last_part_of_the_turnaround_only()
    {
        var tube = TubeIn(TubeStatus.Plated);
        var warning = tube.Priority.Turnaround() * 0.25;

        Assert.False(tube.IsAtRisk(tube.DueAt - warning - TimeSpan.FromMinutes(1), 0.25));
        Assert.True(tube.IsAtRisk(tube.DueAt - warning, 0.25));
        Assert.True(tube.IsAtRisk(tube.DueAt.AddHours(1), 0.25));
        Assert.False(tube.IsAtRisk(tube.DueAt - warning, 0));
        Assert.True(tube.IsAtRisk(tube.DueAt, 0));
    }

    [Fact]
    public void The_at_risk_rule_changes_nothing_on_the_tube()
    {
        var tube = TubeIn(TubeStatus.Plated);
        var status = tube.Status;
        var history = tube.History.ToArray();

        Assert.True(tube.IsAtRisk(tube.DueAt, 0.25));

        Assert.Null(tube.AtRiskSince);
        AssertUnchanged(tube, status, history, null, 0);
    }

    [Theory]
    [InlineData(TubeStatus.Released)]
    [InlineData(TubeStatus.Rejected)]
    [InlineData(TubeStatus.Cancelled)]
    public void The_at_risk_rule_ignores_released_rejected_and_cancelled_tubes(TubeStatus final)
    {
        var tube = TubeIn(final);

        Assert.False(tube.IsAtRisk(tube.DueAt.AddHours(1), 0.25));
    }

    [Theory]
    [InlineData(TubeStatus.Registered)]
    [InlineData(TubeStatus.Shipped)]
    [InlineData(TubeStatus.Received)]
    [InlineData(TubeStatus.Inactivated)]
    [InlineData(TubeStatus.Plated)]
    [InlineData(TubeStatus.Amplified)]
    [InlineData(TubeStatus.Interpreted)]
    [InlineData(TubeStatus.Retest)]
    [InlineData(TubeStatus.Reviewed)]
    public void The_at_risk_rule_holds_for_a_tube_still_in_the_workflow(TubeStatus state)
    {
        var tube = TubeIn(state);

        Assert.True(tube.IsAtRisk(tube.DueAt.AddHours(1), 0.25));
    }

    [Fact]
    public void The_at_risk_rule_is_the_one_the_database_is_asked()
    {
        var now = ActionTime;
        var tubes = new[] { TubeIn(TubeStatus.Plated), TubeIn(TubeStatus.Released), TubeIn(TubeStatus.Received) };
        foreach (var priority in Enum.GetValues<Priority>())
        foreach (var at in new[] { now, now.AddHours(20), now.AddHours(30) })
        {
            var predicate = Tube.AtRisk(priority, at, 0.25).Compile();
            foreach (var tube in tubes)
                Assert.Equal(tube.Priority == priority && tube.IsAtRisk(at, 0.25), predicate(tube));
        }
    }

    // --- status helpers ---

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Only_released_rejected_and_cancelled_are_final(TubeStatus state)
    {
        var expected = state is TubeStatus.Released or TubeStatus.Rejected or TubeStatus.Cancelled;

        Assert.Equal(expected, state.IsFinal());
        // A final state is exactly one that no action leads out of.
        Assert.Equal(expected, !Legal.Keys.Any(k => k.From == state));
    }

    [Fact]
    public void The_final_states_are_released_rejected_and_cancelled()
    {
        // Compared in enum order, so the order of the list does not matter.
        Assert.Equal(
            [TubeStatus.Rejected, TubeStatus.Released, TubeStatus.Cancelled],
            TubeStatusExtensions.Final.Order());
    }

    [Theory]
    [InlineData(TubeStatus.Registered, "registered")]
    [InlineData(TubeStatus.Inactivated, "inactivated")]
    [InlineData(TubeStatus.Retest, "retest")]
    [InlineData(TubeStatus.Cancelled, "cancelled")]
    public void ToWire_is_the_lowercase_state_name(TubeStatus state, string wire)
    {
        Assert.Equal(wire, state.ToWire());
    }
}

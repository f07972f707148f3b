using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

public sealed class TubeRegistrationTests
{
    private static DomainException RegistrationError(Func<Tube> register) => Assert.Throws<DomainException>(() => register());

    // --- capacity ---

    [Fact]
    public void Single_tube_of_capacity_1_is_accepted()
    {
        var tube = TestData.Register(TubeKind.Single, 1);

        Assert.Equal(TubeKind.Single, tube.Kind);
        Assert.Equal(1, tube.Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Single_tube_of_any_other_capacity_is_rejected(int capacity)
    {
        var ex = RegistrationError(() => TestData.Register(TubeKind.Single, capacity, TestData.Drafts(1)));

        Assert.Equal("invalid-capacity", ex.Code);
        Assert.Equal($"A single tube has a capacity of 1, not {capacity}.", ex.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public void Pooled_tube_of_5_10_or_20_is_accepted(int capacity)
    {
        var tube = TestData.Register(TubeKind.Pooled, capacity, TestData.Drafts(1));

        Assert.Equal(TubeKind.Pooled, tube.Kind);
        Assert.Equal(capacity, tube.Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(15)]
    [InlineData(21)]
    [InlineData(-5)]
    public void Pooled_tube_of_any_other_capacity_is_rejected(int capacity)
    {
        var ex = RegistrationError(() => TestData.Register(TubeKind.Pooled, capacity, TestData.Drafts(1)));

        Assert.Equal("invalid-capacity", ex.Code);
        Assert.Equal($"A pooled tube has a capacity of 5, 10 or 20, not {capacity}.", ex.Message);
    }

    [Fact]
    public void TubeCapacity_lists_exactly_the_pooled_sizes_5_10_and_20()
    {
        Assert.Equal([5, 10, 20], TubeCapacity.Pooled);
    }

    [Theory]
    [InlineData(TubeKind.Single, 1, true)]
    [InlineData(TubeKind.Single, 5, false)]
    [InlineData(TubeKind.Pooled, 10, true)]
    [InlineData(TubeKind.Pooled, 1, false)]
    public void TubeCapacity_Check_returns_an_error_only_for_a_wrong_capacity(TubeKind kind, int capacity, bool valid)
    {
        Assert.Equal(valid, TubeCapacity.Check(kind, capacity) is null);
    }

    // --- due time ---

    [Theory]
    [InlineData(Priority.Emergency, 6)]
    [InlineData(Priority.Routine, 12)]
    [InlineData(Priority.Screening, 24)]
    public void Due_time_is_collection_time_plus_the_priority_turnaround(Priority priority, int hours)
    {
        var collected = new DateTimeOffset(2024, 3, 1, 22, 15, 0, TimeSpan.FromHours(8));
        var registered = collected.AddHours(3);

        var tube = TestData.Register(priority: priority, collectedAt: collected, registeredAt: registered);

        Assert.Equal(priority, tube.Priority);
        Assert.Equal(TimeSpan.FromHours(hours), priority.Turnaround());
        Assert.Equal(collected.AddHours(hours), tube.DueAt);
    }

    // --- members ---

    [Theory]
    [InlineData(TubeKind.Single, 1, 2)]
    [InlineData(TubeKind.Pooled, 5, 6)]
    [InlineData(TubeKind.Pooled, 10, 11)]
    [InlineData(TubeKind.Pooled, 20, 21)]
    public void More_members_than_the_capacity_are_rejected(TubeKind kind, int capacity, int members)
    {
        var ex = RegistrationError(() => TestData.Register(kind, capacity, TestData.Drafts(members)));

        Assert.Equal("over-capacity", ex.Code);
        Assert.Equal($"A tube of capacity {capacity} cannot hold {members} people.", ex.Message);
    }

    [Theory]
    [InlineData(TubeKind.Single, 1)]
    [InlineData(TubeKind.Pooled, 5)]
    [InlineData(TubeKind.Pooled, 20)]
    public void A_full_tube_is_accepted(TubeKind kind, int capacity)
    {
        var tube = TestData.Register(kind, capacity, TestData.Drafts(capacity));

        Assert.Equal(capacity, tube.Members.Count);
    }

    [Theory]
    [InlineData(TubeKind.Single, 1)]
    [InlineData(TubeKind.Pooled, 10)]
    public void A_tube_without_members_is_rejected(TubeKind kind, int capacity)
    {
        var ex = RegistrationError(() => TestData.Register(kind, capacity, []));

        Assert.Equal("no-members", ex.Code);
    }

    [Fact]
    public void Members_are_numbered_1_to_N_in_the_order_given()
    {
        MemberDraft[] drafts = [TestData.Draft(40), TestData.Draft(7), TestData.Draft(99), TestData.Draft(1)];

        var tube = TestData.Register(TubeKind.Pooled, 5, drafts);

        Assert.Equal([1, 2, 3, 4], tube.Members.Select(m => m.Position));
        Assert.Equal(drafts.Select(d => d.Person), tube.Members.Select(m => m.Person));
        Assert.Equal(drafts.Select(d => d.Name), tube.Members.Select(m => m.Name));
        Assert.Equal(drafts.Select(d => d.Phone), tube.Members.Select(m => m.Phone));
    }

    [Fact]
    public void Member_names_are_trimmed_and_a_missing_phone_is_kept_missing()
    {
        var tube = TestData.Register(members: [new MemberDraft(TestData.Person(1), "  张三 ", null)]);

        var member = Assert.Single(tube.Members);
        Assert.Equal("张三", member.Name);
        Assert.Null(member.Phone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_member_without_a_name_is_rejected(string name)
    {
        MemberDraft[] drafts = [TestData.Draft(1), new MemberDraft(TestData.Person(2), name, null)];

        var ex = RegistrationError(() => TestData.Register(TubeKind.Pooled, 5, drafts));

        Assert.Equal("name-required", ex.Code);
    }

    [Fact]
    public void The_same_person_twice_in_one_tube_is_rejected()
    {
        var first = TestData.Person(7);
        // Another instance with equal type and lookup hash, but its own arrays and cipher.
        var again = new ProtectedPersonId(first.Type, [0xEE], [.. first.LookupHash], first.Masked);
        MemberDraft[] drafts = [new(first, "Zhang San", null), TestData.Draft(8), new(again, "Z. San", null)];

        var ex = RegistrationError(() => TestData.Register(TubeKind.Pooled, 5, drafts, barcode: "POOL0042"));

        Assert.Equal("duplicate-member", ex.Code);
        Assert.Contains(first.Masked, ex.Message, StringComparison.Ordinal);
        Assert.Contains("POOL0042", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_lookup_hash_under_another_id_type_is_a_different_person()
    {
        MemberDraft[] drafts = [TestData.Draft(7, PersonIdType.CnResident), TestData.Draft(7, PersonIdType.Passport)];

        var tube = TestData.Register(TubeKind.Pooled, 5, drafts);

        Assert.Equal(2, tube.Members.Count);
    }

    // --- times, site and the rest ---

    [Fact]
    public void Collection_more_than_5_minutes_after_registration_is_rejected()
    {
        var registered = TestData.RegisteredAt;

        var ex = RegistrationError(() => TestData.Register(
            collectedAt: registered + TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), registeredAt: registered));

        Assert.Equal("collected-in-future", ex.Code);
        Assert.Throws<DomainException>(() => TestData.Register(collectedAt: registered.AddHours(1), registeredAt: registered));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-600)]
    public void Collection_up_to_5_minutes_after_registration_is_clock_skew_and_accepted(int minutesAfterRegistration)
    {
        var registered = TestData.RegisteredAt;
        var collected = registered.AddMinutes(minutesAfterRegistration);

        var tube = TestData.Register(collectedAt: collected, registeredAt: registered);

        Assert.Equal(collected, tube.CollectedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), Tube.AllowedClockSkew);
    }

    [Fact]
    public void Clock_skew_is_compared_as_instants_not_local_times()
    {
        var registered = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
        // 09:30 in Beijing written as UTC: earlier than registration although its clock reads 01:30.
        var collectedUtc = new DateTimeOffset(2024, 3, 1, 1, 30, 0, TimeSpan.Zero);
        // 10:10 in Beijing written as UTC: ten minutes after registration.
        var lateUtc = new DateTimeOffset(2024, 3, 1, 2, 10, 0, TimeSpan.Zero);

        TestData.Register(collectedAt: collectedUtc, registeredAt: registered);
        Assert.Equal("collected-in-future", RegistrationError(() => TestData.Register(collectedAt: lateUtc, registeredAt: registered)).Code);
    }

    [Fact]
    public void Collection_time_is_kept_as_the_same_instant_in_utc()
    {
        var collected = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

        var tube = TestData.Register(collectedAt: collected, registeredAt: collected.AddHours(1), priority: Priority.Emergency);

        Assert.Equal(TimeSpan.Zero, tube.CollectedAt.Offset);
        Assert.Equal(collected.UtcDateTime, tube.CollectedAt.UtcDateTime);
        Assert.Equal(collected.AddHours(6).UtcDateTime, tube.DueAt.UtcDateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_tube_without_a_site_is_rejected(string site)
    {
        Assert.Equal("site-required", RegistrationError(() => TestData.Register(site: site)).Code);
    }

    [Fact]
    public void Registration_keeps_what_it_was_given()
    {
        var id = TubeId.New();
        var submitter = SubmitterId.New();
        var submission = SubmissionId.New();
        var barcode = Barcode.Create("P0000123");
        var collected = TestData.CollectedAt;
        var registered = TestData.RegisteredAt;

        var tube = Tube.Register(id, barcode, TubeKind.Pooled, 10, submitter, submission, collected, "  Site 7 ",
            Priority.Screening, TestData.Drafts(3), registered, "alice");

        Assert.Equal(id, tube.Id);
        Assert.Equal(barcode, tube.Barcode);
        Assert.Equal(TubeKind.Pooled, tube.Kind);
        Assert.Equal(10, tube.Capacity);
        Assert.Equal(submitter, tube.SubmitterId);
        Assert.Equal(submission, tube.SubmissionId);
        Assert.Equal(collected, tube.CollectedAt);
        Assert.Equal("Site 7", tube.Site);
        Assert.Equal(Priority.Screening, tube.Priority);
        Assert.Equal(registered, tube.RegisteredAt);
        Assert.Equal(3, tube.Members.Count);
    }

    [Fact]
    public void A_new_tube_is_registered_with_one_history_entry_and_no_result()
    {
        var registered = TestData.RegisteredAt;

        var tube = TestData.Register(registeredAt: registered, actor: "alice");

        Assert.Equal(TubeStatus.Registered, tube.Status);
        var entry = Assert.Single(tube.History);
        Assert.Equal(new TubeStatusChange(null, TubeStatus.Registered, registered, "alice", null), entry);
        Assert.Null(tube.Call);
        Assert.Equal(0, tube.RetestCount);
        Assert.Null(tube.AtRiskSince);
    }

    [Fact]
    public void Tubes_registered_the_same_way_do_not_share_members_or_history()
    {
        var a = TestData.Register();
        var b = TestData.Register();

        a.Ship(TestData.RegisteredAt.AddHours(1), "courier");

        Assert.Equal(2, a.History.Count);
        Assert.Single(b.History);
        Assert.NotSame(a.Members, b.Members);
    }
}

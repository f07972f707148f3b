using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Reviews;

/// <summary>
/// Who may sign what on a plate's review (PRODUCT.md: "negatives on a plate whose QC passed … or one reviewer, positives
/// and any change of a positive call by two different senior reviewers").
/// </summary>
public sealed class PlateReviewTests
{
    private static readonly DateTimeOffset At = TestData.RegisteredAt.AddHours(4);
    private static readonly double?[] Positive = [24.1, 25.3, 28.0];
    private static readonly double?[] Negative = [null, null, 27.5];
    private static readonly Signer Reviewer = new("rev.a", StaffRole.Reviewer);
    private static readonly Signer OtherReviewer = new("rev.b", StaffRole.Reviewer);
    private static readonly Signer SeniorA = new("sen.a", StaffRole.SeniorReviewer);
    private static readonly Signer SeniorB = new("sen.b", StaffRole.SeniorReviewer);
    private static readonly Signer SeniorC = new("sen.c", StaffRole.SeniorReviewer);

    [Fact]
    public void The_first_approval_approves_the_negatives_and_a_positive_waits_for_two_different_senior_reviewers()
    {
        var review = Review(Negative, Positive);

        Assert.Equal([0], Indexes(review, review.Approve(Reviewer, At)));
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Empty(review.Approve(SeniorA, At));
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Equal([1], Indexes(review, review.Approve(SeniorB, At)));
        Assert.Equal(ReviewStatus.AwaitingRelease, review.Status);
        Assert.Equal(["sen.a", "sen.b"], review.SignaturesFor(review.Items[1]).Select(s => s.UserName));
        Assert.Equal(["rev.a"], review.SignaturesFor(review.Items[0]).Select(s => s.UserName));
    }

    [Fact]
    public void A_senior_first_approval_counts_as_one_of_the_two()
    {
        var review = Review(Negative, Positive);

        Assert.Equal([0], Indexes(review, review.Approve(SeniorA, At)));
        Assert.Equal([1], Indexes(review, review.Approve(SeniorB, At)));
    }

    [Fact]
    public void Nobody_approves_twice_and_a_reviewer_who_is_not_senior_gives_no_second_approval()
    {
        var review = Review(Positive);
        review.Approve(SeniorA, At);

        Assert.Equal("same-reviewer", Assert.Throws<ReviewForbiddenException>(() => review.Approve(SeniorA, At)).Code);
        Assert.Equal("senior-reviewer-required", Assert.Throws<ReviewForbiddenException>(() => review.Approve(OtherReviewer, At)).Code);
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Single(review.Signatures);
    }

    [Fact]
    public void A_positive_overridden_to_negative_is_a_positive_decision_that_two_seniors_other_than_the_overrider_approve()
    {
        var review = Review(Positive, Negative);
        review.Override(Reviewer, review.Items[0].Barcode, TubeCall.Negative, "flat curves", At);

        // The overrider's own approval approves the plain negative only; the override waits.
        Assert.Equal([1], Indexes(review, review.Approve(Reviewer, At)));
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Empty(review.Approve(SeniorA, At));
        Assert.Equal([0], Indexes(review, review.Approve(SeniorB, At)));
        Assert.Equal(["rev.a", "sen.a", "sen.b"], review.SignaturesFor(review.Items[0]).Select(s => s.UserName));
    }

    [Fact]
    public void A_senior_who_overrode_a_call_is_not_one_of_its_two()
    {
        var review = Review(Negative);
        review.Override(SeniorA, review.Items[0].Barcode, TubeCall.Positive, "clear S-curve the kit missed", At);

        review.Approve(SeniorA, At);
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Empty(review.Approve(SeniorB, At));
        Assert.Equal(ReviewStatus.AwaitingSecondApproval, review.Status);
        Assert.Equal([0], Indexes(review, review.Approve(SeniorC, At)));
        Assert.Equal(["sen.a", "sen.b", "sen.c"], review.SignaturesFor(review.Items[0]).Select(s => s.UserName).Order());
        Assert.DoesNotContain(review.SignaturesFor(review.Items[0]), s => s.UserName == "sen.a" && s.Meaning != SignatureMeaning.Override);
    }

    [Fact]
    public void An_overrider_cannot_give_the_approvals_its_override_waits_for()
    {
        var review = Review(Positive);
        review.Override(SeniorA, review.Items[0].Barcode, TubeCall.Negative, "flat curves", At);
        review.Approve(Reviewer, At);

        Assert.Equal("overrider", Assert.Throws<ReviewForbiddenException>(() => review.Approve(SeniorA, At)).Code);
    }

    [Fact]
    public void The_auto_release_policy_releases_plain_negatives_only()
    {
        var review = Review(Negative, Positive);

        Assert.Equal([0], Indexes(review, review.AutoReleaseNegatives(At)));
        Assert.Equal(ReviewItemState.Pending, review.Items[1].State);
    }

    private static int[] Indexes(PlateReview review, IReadOnlyList<ReviewItem> items) =>
        [.. items.Select(i => review.Items.ToList().FindIndex(x => x.TubeId == i.TubeId)).Order()];

    /// <summary>A sealed plate of single tubes, its run called as given (QC passed), and the review it opens.</summary>
    private static PlateReview Review(params double?[][] calls)
    {
        var kit = BuiltInKits.ChinaOrf1abN;
        var plate = Plate.Create(PlateId.New(), Barcode.Create("P" + Guid.NewGuid().ToString("N")[..9]), 96, kit, FillOrder.ColumnWise, At, "tech");
        var tubes = calls.Select(_ =>
        {
            var tube = TestData.Register(TubeKind.Single, 1, barcode: $"R{Guid.NewGuid().ToString("N")[..9]}");
            tube.Ship(At.AddHours(-3), "courier");
            tube.Receive(At.AddHours(-2), "tech");
            tube.Inactivate(At.AddHours(-1), "tech");
            plate.Place(tube, At, "tech");
            return tube;
        }).ToList();
        plate.Seal(At, "tech");
        List<WellReading> wells =
        [
            .. tubes.Select((t, i) => Reading(plate.Wells.Single(w => w.TubeId == t.Id).Position, t.Barcode.Value, calls[i])),
            Reading(plate.Wells.Single(w => w.Role == WellRole.NegativeControl).Position, "NTC", Negative),
            Reading(plate.Wells.Single(w => w.Role == WellRole.PositiveControl).Position, "PC", Positive),
        ];
        var (run, results) = PlateRun.Import(PlateRunId.New(), plate, tubes, kit, new RunFileInfo("run.csv", "00", 1, "plain-csv", null), wells, At, "tech");
        Assert.True(run.QcPassed, string.Join(" ", run.QcReasons));
        return PlateReview.ForRun(run, plate, tubes.ToDictionary(t => t.Id), results, At)!;
    }

    private static WellReading Reading(WellPosition well, string sample, double?[] cts) =>
        new(well, sample, [new("ORF1ab", "FAM", cts[0]), new("N", "VIC", cts[1]), new("IC", "Cy5", cts[2])]);
}

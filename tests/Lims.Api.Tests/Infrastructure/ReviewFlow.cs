namespace Lims.Api.Tests.Infrastructure;

/// <summary>Plate review by HTTP, as reviewers do it: approval (and a senior's second approval when positives wait), then release.</summary>
public static class ReviewFlow
{
    public static async Task ApproveAndReleaseAsync(this LimsApiFactory api, string plate)
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        var senior = await api.StaffClientAsync("senior-reviewer");
        await Review.ApproveAndReleaseAsync(plate, new Reviewer(reviewer.Http, reviewer.Password), new Reviewer(senior.Http, senior.Password));
    }
}

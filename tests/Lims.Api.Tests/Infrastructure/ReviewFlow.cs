using System.Net.Http.Json;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Plate review by HTTP, as reviewers do it: approval (and two seniors' when positives wait), then release.</summary>
public static class ReviewFlow
{
    public static async Task ApproveAndReleaseAsync(this LimsApiFactory api, string plate)
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        var senior = await api.StaffClientAsync("senior-reviewer");
        var second = await api.StaffClientAsync("senior-reviewer");
        await Review.ApproveAndReleaseAsync(plate, new Reviewer(reviewer.Http, reviewer.Password),
            new Reviewer(senior.Http, senior.Password), new Reviewer(second.Http, second.Password));
    }

    /// <summary>The plate approved: a reviewer's first approval, then two different seniors' while positive decisions wait (not released).</summary>
    public static async Task ApproveAsync(this LimsApiFactory api, string plate)
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        var status = await StatusAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }));
        for (var seniors = 0; status == "awaiting-second-approval" && seniors < 2; seniors++)
        {
            var senior = await api.StaffClientAsync("senior-reviewer");
            status = await StatusAsync(senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }));
        }
        Assert.Equal("awaiting-release", status);
    }

    private static async Task<string?> StatusAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
    }
}

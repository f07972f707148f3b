using System.Net;
using System.Net.Http.Json;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Plate review by HTTP, as reviewers do it: approval (and a senior's second approval when positives wait), then release.</summary>
public static class ReviewFlow
{
    public static async Task ApproveAndReleaseAsync(this LimsApiFactory api, string plate)
    {
        var reviewer = await api.StaffClientAsync("reviewer");
        var senior = await api.StaffClientAsync("senior-reviewer");
        var status = await StatusAsync(reviewer.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = reviewer.Password }));
        if (status == "awaiting-second-approval")
            status = await StatusAsync(senior.Http.PostAsJsonAsync($"/api/v1/review/plates/{plate}/approve", new { password = senior.Password }));
        Assert.Equal("awaiting-release", status);
        Assert.Equal("done", await StatusAsync(senior.Http.PostAsync($"/api/v1/review/plates/{plate}/release", null)));
    }

    private static async Task<string?> StatusAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
    }
}

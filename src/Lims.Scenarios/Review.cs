using System.Net;
using System.Text.Json;

namespace Lims.Scenarios;

/// <summary>A reviewer or senior reviewer, over a client signed in as them, with the password they sign with.</summary>
public sealed class Reviewer(HttpClient http, string password)
{
    public HttpClient Http { get; } = http;

    /// <summary>Approves the plate, signed. Answers the review (its <c>status</c>).</summary>
    public async Task<JsonElement> ApproveAsync(string plate) => (await ApproveAnswerAsync(plate)).Json;

    /// <summary>Releases the plate's approved tubes. Answers the review.</summary>
    public async Task<JsonElement> ReleaseAsync(string plate) => (await ReleaseAnswerAsync(plate)).Json;

    internal Task<Answer> ApproveAnswerAsync(string plate) =>
        Answer.PostAsync(Http, $"/api/v1/review/plates/{plate}/approve", new { password }, HttpStatusCode.OK);

    internal Task<Answer> ReleaseAnswerAsync(string plate) =>
        Answer.PostAsync(Http, $"/api/v1/review/plates/{plate}/release", null, HttpStatusCode.OK);
}

public static class Review
{
    /// <summary>
    /// The plate's review to the end: the first approval, then the seniors' approvals while positive decisions wait for
    /// them (each a different person; a positive needs two seniors), then the release; the plate must be awaiting release
    /// after the approvals and done after it.
    /// </summary>
    public static async Task ApproveAndReleaseAsync(string plate, Reviewer first, params Reviewer[] seniors)
    {
        var approved = await first.ApproveAnswerAsync(plate);
        foreach (var senior in seniors)
        {
            if (approved.Text("status") != "awaiting-second-approval") break;
            approved = await senior.ApproveAnswerAsync(plate);
        }
        approved.Expect("status", "awaiting-release");
        (await (seniors.Length > 0 ? seniors[0] : first).ReleaseAnswerAsync(plate)).Expect("status", "done");
    }
}

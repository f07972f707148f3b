using System.Net;
using Lims.Scenarios;

namespace Lims.Infrastructure.Tests.Scenarios;

/// <summary>The scenario library's HTTP steps against a scripted server: what they send, and how they check what they get.</summary>
public sealed class ScenarioStepTests
{
    /// <summary>Answers each request with the next scripted status and body, and logs "METHOD path body".</summary>
    private sealed class ScriptedServer(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new(answers);

        public List<string> Requests { get; } = [];

        public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://lims.test") };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath} {body}".TrimEnd());
            var (status, answer) = _answers.Dequeue();
            return new HttpResponseMessage(status) { Content = new StringContent(answer) };
        }
    }

    private sealed class RecordingClock : IScenarioClock
    {
        public List<TimeSpan> Waited { get; } = [];

        public async Task AfterAsync(TimeSpan duration, Func<Task> step)
        {
            Waited.Add(duration);
            await step();
        }
    }

    [Fact]
    public async Task An_unexpected_status_throws_with_the_request_and_the_whole_answer()
    {
        const string problem = """{"title":"Conflict","code":"plate-sealed"}""";
        using var server = new ScriptedServer((HttpStatusCode.Conflict, problem));

        var error = await Assert.ThrowsAsync<ScenarioException>(() => new Bench(server.Client()).SealAsync("P0001"));

        Assert.Equal((HttpStatusCode.Conflict, "POST", "/api/v1/lab/plates/P0001/seal", problem), (error.StatusCode, error.Method, error.Path, error.Body));
        Assert.Equal($"POST /api/v1/lab/plates/P0001/seal answered 409 Conflict where 200 OK was expected: {problem}", error.Message);
    }

    [Fact]
    public async Task An_expected_status_with_the_wrong_content_throws_too()
    {
        using var server = new ScriptedServer(
            (HttpStatusCode.Created, """{"batchId":"b","accepted":1,"rejected":[{"index":1}]}"""),
            (HttpStatusCode.OK, """{"outcome":"expected"}"""),
            (HttpStatusCode.OK, """{"outcome":"unknown"}"""));

        var rejected = await Assert.ThrowsAsync<ScenarioException>(() => new Hospital(server.Client()).RegisterAsync([new { }, new { }], "r"));
        var unknown = await Assert.ThrowsAsync<ScenarioException>(() => new Bench(server.Client()).ReceiveAsync("B1", ["T1", "T2", "T3"]));

        Assert.Contains("where all 2 tubes accepted was expected", rejected.Message, StringComparison.Ordinal);
        Assert.Equal("/api/v1/lab/boxes/B1/scans", unknown.Path);
        Assert.Contains("where outcome \"expected\" was expected: {\"outcome\":\"unknown\"}", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count); // the third tube is not scanned after the second went wrong
    }

    [Fact]
    public async Task Inactivation_is_completed_once_the_clock_let_the_methods_time_pass()
    {
        using var server = new ScriptedServer((HttpStatusCode.Created, """{"requiredMinutes":30}"""), (HttpStatusCode.OK, "{}"));
        var clock = new RecordingClock();

        await new Bench(server.Client()).InactivateAsync("I1", ["T1"], clock);

        Assert.Equal([TimeSpan.FromMinutes(30)], clock.Waited);
        Assert.Equal(["""POST /api/v1/lab/inactivations {"code":"I1","equipment":"Block 1","tubes":["T1"]}""", "POST /api/v1/lab/inactivations/I1/complete {}"], server.Requests);
    }

    [Theory]
    [InlineData("awaiting-second-approval", true)]
    [InlineData("awaiting-release", false)]
    public async Task The_senior_reviewer_approves_a_second_time_only_when_positives_wait(string afterFirst, bool secondApproval)
    {
        using var first = new ScriptedServer((HttpStatusCode.OK, $$"""{"status":"{{afterFirst}}"}"""));
        using var senior = new ScriptedServer([.. (secondApproval ? [(HttpStatusCode.OK, """{"status":"awaiting-release"}""")] : Array.Empty<(HttpStatusCode, string)>()),
            (HttpStatusCode.OK, """{"status":"done"}""")]);

        await Review.ApproveAndReleaseAsync("P1", new Reviewer(first.Client(), "first-password"), new Reviewer(senior.Client(), "senior-password"));

        Assert.Equal(["""POST /api/v1/review/plates/P1/approve {"password":"first-password"}"""], first.Requests);
        Assert.Equal([.. secondApproval ? ["""POST /api/v1/review/plates/P1/approve {"password":"senior-password"}"""] : Array.Empty<string>(), "POST /api/v1/review/plates/P1/release"],
            senior.Requests);
    }

    [Fact]
    public async Task A_review_that_is_not_awaiting_release_after_the_approvals_is_not_released()
    {
        using var first = new ScriptedServer((HttpStatusCode.OK, """{"status":"awaiting-second-approval"}"""));
        using var senior = new ScriptedServer((HttpStatusCode.OK, """{"status":"awaiting-second-approval"}"""));

        var error = await Assert.ThrowsAsync<ScenarioException>(() =>
            Review.ApproveAndReleaseAsync("P1", new Reviewer(first.Client(), "a"), new Reviewer(senior.Client(), "b")));

        Assert.Contains("where status \"awaiting-release\" was expected", error.Message, StringComparison.Ordinal);
        Assert.Single(senior.Requests);
    }
}

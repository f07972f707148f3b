using System.Net;
using System.Text.Json;

namespace Lims.Scenarios;

/// <summary>The lab's steps at the bench, over a client the caller authenticated (a lab station's API key or a staff token).</summary>
public sealed class Bench(HttpClient http)
{
    public const string DefaultKit = "cn-orf1ab-n";

    public HttpClient Http { get; } = http;

    /// <summary>Scans one tube into a box (a new scan id). Answers the scan.</summary>
    public async Task<JsonElement> ScanAsync(string box, string tube) =>
        (await ScanAnswerAsync(box, tube)).Json;

    /// <summary>Scans the tubes into their box one by one; each must be one the box was expected to hold.</summary>
    public async Task ReceiveAsync(string box, IEnumerable<string> tubes)
    {
        foreach (var tube in tubes) (await ScanAnswerAsync(box, tube)).Expect("outcome", "expected");
    }

    /// <summary>Starts a heat inactivation batch of received tubes. Answers the batch (with its <c>requiredMinutes</c>).</summary>
    public async Task<JsonElement> StartInactivationAsync(string code, IReadOnlyCollection<string> tubes, string equipment = "Block 1") =>
        (await Answer.PostAsync(Http, "/api/v1/lab/inactivations", new { code, equipment, tubes }, HttpStatusCode.Created)).Json;

    public async Task<JsonElement> CompleteInactivationAsync(string code) =>
        (await Answer.PostAsync(Http, $"/api/v1/lab/inactivations/{code}/complete", new { }, HttpStatusCode.OK)).Json;

    /// <summary>Starts the batch and completes it when <paramref name="clock"/> has let the method's time pass.</summary>
    public async Task InactivateAsync(string code, IReadOnlyCollection<string> tubes, IScenarioClock clock)
    {
        var batch = await StartInactivationAsync(code, tubes);
        await clock.AfterAsync(TimeSpan.FromMinutes(batch.GetProperty("requiredMinutes").GetInt32()), () => CompleteInactivationAsync(code));
    }

    /// <summary>A new 96-well plate of the kit, filled column by column, its controls in place. Answers the plate.</summary>
    public async Task<JsonElement> CreatePlateAsync(string plate, string kit = DefaultKit) =>
        (await Answer.PostAsync(Http, "/api/v1/lab/plates", new { barcode = plate, kit }, HttpStatusCode.Created)).Json;

    /// <summary>Places an inactivated tube in the plate's next free well. Answers the placement (its <c>well</c>).</summary>
    public async Task<JsonElement> PlaceAsync(string plate, string tube) =>
        (await Answer.PostAsync(Http, $"/api/v1/lab/plates/{plate}/tubes", new { tube }, HttpStatusCode.OK)).Json;

    public async Task<JsonElement> SealAsync(string plate) =>
        (await Answer.PostAsync(Http, $"/api/v1/lab/plates/{plate}/seal", null, HttpStatusCode.OK)).Json;

    /// <summary>A new plate (<see cref="Barcodes.New"/> with prefix P) with the tubes placed in fill order, sealed. Answers its barcode.</summary>
    public async Task<string> SealedPlateAsync(IEnumerable<string> tubes, string kit = DefaultKit)
    {
        var plate = Barcodes.New("P");
        await CreatePlateAsync(plate, kit);
        foreach (var tube in tubes) await PlaceAsync(plate, tube);
        await SealAsync(plate);
        return plate;
    }

    /// <summary>Uploads the run file of a sealed plate, for the first time. Answers the run.</summary>
    public async Task<JsonElement> ImportRunAsync(string plate, byte[] file, string name = "run.csv") =>
        (await Answer.SendAsync(Http, RunFiles.Upload(plate, file, name), HttpStatusCode.Created)).Json;

    private Task<Answer> ScanAnswerAsync(string box, string tube) =>
        Answer.PostAsync(Http, $"/api/v1/lab/boxes/{box}/scans", new { tube, scanId = Guid.NewGuid() }, HttpStatusCode.OK);
}

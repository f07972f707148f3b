using System.Text.Json;
using Lims.Domain.Common;
using Lims.Domain.Results;

namespace Lims.Application.Features.Results;

// What a release produces and what leaves the lab: pull (JSON), webhooks, FHIR DiagnosticReports and the
// public look-up are all built from these shapes, so they always say the same thing.

/// <summary>
/// One released tube: its call, the kit and Ct values it was made from, who reviewed it, and the result of
/// every person in it (from the pool decision).
/// </summary>
/// <param name="Cursor">Increases with every release; <c>GET /api/v1/results?after=</c> pages by it.</param>
/// <param name="Call"><c>positive</c> or <c>negative</c> (after any reviewer override).</param>
public sealed record TubeResultView(
    long Cursor,
    Guid ResultId,
    Guid ReleaseId,
    string TubeBarcode,
    string TubeKind,
    int Capacity,
    string Site,
    string Priority,
    DateTimeOffset CollectedAt,
    DateTimeOffset ReleasedAt,
    string Call,
    string KitCode,
    string KitVersion,
    string PlateBarcode,
    string Well,
    IReadOnlyList<TargetCtView> Targets,
    IReadOnlyList<ReviewerView> Reviewers,
    IReadOnlyList<PersonResultView> People);

/// <summary>One target of the kit in the tube's well: its Ct, or null when it did not amplify.</summary>
public sealed record TargetCtView(string Target, double? Ct);

/// <summary>A reviewer's signature on the result: who, in which role, what it meant, and when.</summary>
public sealed record ReviewerView(string User, string Role, string Meaning, DateTimeOffset SignedAt);

/// <summary>
/// A person's result from the tube: <c>negative</c> (a negative tube, pooled or not), <c>positive</c> (a positive
/// single tube) or <c>recall-required</c> (a member of a positive pool: a new single tube is ordered).
/// </summary>
/// <param name="PatientId">The submitter's own id of the person, as it sent it (only when it did).</param>
public sealed record PersonResultView(
    int Position, string MaskedId, string MaskedName, string Result,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PatientId = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PatientIdSystem = null);

/// <summary>Wire values of <see cref="PersonResultView.Result"/>: the <see cref="PersonOutcome"/>s' wire names, as constants for patterns.</summary>
public static class PersonResults
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string RecallRequired = "recall-required";
}

internal static class ResultViews
{
    /// <summary>How the targets and reviewers of a released tube are stored and read back (JSON arrays, camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TubeResultView View(ReleasedTube r) => new(
        r.Cursor, r.Id, r.ReleaseId, r.Barcode.Value, r.Kind.ToWire(), r.Capacity, r.Site, r.Priority.ToWire(),
        r.CollectedAt, r.ReleasedAt, r.Call.ToWire(), r.KitCode, r.KitVersion, r.PlateBarcode.Value, r.Well,
        JsonSerializer.Deserialize<List<TargetCtView>>(r.Targets, Json)!, JsonSerializer.Deserialize<List<ReviewerView>>(r.Reviewers, Json)!,
        [.. r.People.Select(p => new PersonResultView(p.Position, p.MaskedId, p.MaskedName, p.Outcome.ToWire(), p.PatientId, p.PatientIdSystem))]);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lims.Application.Features.Batches;

// The JSON a hospital sends. Every field is nullable so that a missing field is reported per tube
// instead of failing the whole batch; a field the batch does not know is kept in Unknown and refused
// per tube too (a misspelt "phon" is not silently dropped). A batch-level field it does not know refuses
// the batch (BatchJson).

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchRequest(string? Reference, IReadOnlyList<TubeRequest?>? Tubes);

/// <param name="CollectedAt">
/// The collection time as sent: ISO 8601 with its offset (<c>2026-11-23T07:00:00+08:00</c>). Read as text, since a
/// <see cref="DateTimeOffset"/> would take a time without an offset silently as the server's.
/// </param>
public sealed record TubeRequest(
    string? Barcode,
    string? Kind,
    int? Capacity,
    string? CollectedAt,
    string? Site,
    string? Priority,
    IReadOnlyList<MemberRequest?>? Members)
{
    /// <summary>Fields of the tube the batch does not know, refused with the tube.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <param name="PatientId">The submitter's own identifier of the person (a hospital's patient number), echoed back with their results.</param>
/// <param name="PatientIdSystem">Its naming system, when the submitter has one (a FHIR Patient.identifier.system).</param>
public sealed record MemberRequest(string? IdType, string? IdNumber, string? Name, string? Phone = null, string? PatientId = null, string? PatientIdSystem = null)
{
    /// <summary>Fields of the member the batch does not know, refused with the tube.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

// The answer: accepted count and every rejected tube with every reason.

public sealed record BatchReceipt(Guid BatchId, int Accepted, IReadOnlyList<TubeRejection> Rejected);

public sealed record TubeRejection(int Index, string? Barcode, IReadOnlyList<FieldError> Errors);

public sealed record FieldError(string Field, string Message);

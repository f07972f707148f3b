namespace Lims.Application.Features.Batches;

// The JSON a hospital sends. Every field is nullable so that a missing field is reported per tube
// instead of failing the whole batch.

public sealed record BatchRequest(string? Reference, IReadOnlyList<TubeRequest?>? Tubes);

public sealed record TubeRequest(
    string? Barcode,
    string? Kind,
    int? Capacity,
    DateTimeOffset? CollectedAt,
    string? Site,
    string? Priority,
    IReadOnlyList<MemberRequest?>? Members);

public sealed record MemberRequest(string? IdType, string? IdNumber, string? Name, string? Phone);

// The answer: accepted count and every rejected tube with every reason.

public sealed record BatchReceipt(Guid BatchId, int Accepted, IReadOnlyList<TubeRejection> Rejected);

public sealed record TubeRejection(int Index, string? Barcode, IReadOnlyList<FieldError> Errors);

public sealed record FieldError(string Field, string Message);

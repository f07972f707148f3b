namespace Lims.Application.Abstractions;

/// <summary>The request cannot be served as sent (answered 400), with field-level reasons.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The request conflicts with what is already stored (answered 409).</summary>
public sealed class ConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Something the caller named does not exist — or not for them: another submitter's tube is not found, never forbidden
/// (answered 404 on HTTP, exit 2 on the CLI). The one way a use case says "no such thing".
/// </summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    /// <summary>"There is no {what} {name}." — e.g. <c>Of("plate", "P0001")</c>.</summary>
    public static NotFoundException Of(string what, object? name) => new($"There is no {what} {name}.");
}

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

/// <summary>Something the caller named does not exist (for them) (answered 404 on HTTP, exit 2 on the CLI).</summary>
public sealed class NotFoundException(string message) : Exception(message);

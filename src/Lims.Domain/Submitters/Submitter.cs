using System.Text.RegularExpressions;
using Lims.Domain.Common;

namespace Lims.Domain.Submitters;

public enum SubmitterKind
{
    Hospital,
    CollectionSite,
}

/// <summary>An organisation that sends tubes: a hospital or a collection site.</summary>
public sealed partial class Submitter
{
    private Submitter() { }

    public SubmitterId Id { get; private set; }
    /// <summary>Short, stable code used on the command line and in reports, e.g. <c>demo</c>.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public SubmitterKind Kind { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Submitter Create(string code, string name, SubmitterKind kind, DateTimeOffset at)
    {
        if (!IsValidCode(code))
            throw new DomainException("invalid-submitter-code", "A submitter code has 2–32 lowercase letters, digits or dashes.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("name-required", "A submitter name is required.");
        return new Submitter { Id = SubmitterId.New(), Code = code!, Name = name.Trim(), Kind = kind, CreatedAt = at };
    }

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{1,31}\z")]
    private static partial Regex CodePattern();
}

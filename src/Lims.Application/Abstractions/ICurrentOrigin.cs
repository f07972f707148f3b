namespace Lims.Application.Abstractions;

/// <summary>
/// Where the current caller is, for what is counted per origin (failed sign-ins and signatures): the client address of an
/// HTTP request (an IPv6 address by its /64), set by the API for each request; <see cref="CurrentOrigin.Local"/> for the
/// command line, jobs and tests.
/// </summary>
public interface ICurrentOrigin
{
    string Name { get; }

    /// <summary>Sets where the caller is from now on in this scope (1–64 characters).</summary>
    void Set(string name);
}

/// <summary>The scoped <see cref="ICurrentOrigin"/>.</summary>
public sealed class CurrentOrigin : ICurrentOrigin
{
    public const string Local = "local";

    public string Name { get; private set; } = Local;

    public void Set(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > Domain.Staff.SignInFailures.MaxOriginLength)
            throw new ArgumentException($"An origin is named with 1 to {Domain.Staff.SignInFailures.MaxOriginLength} characters.", nameof(name));
        Name = name;
    }
}

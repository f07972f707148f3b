namespace Lims.Domain.Common;

/// <summary>A business rule was broken. <see cref="Code"/> is stable and machine-readable.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>A lab action was attempted in a state that does not allow it.</summary>
public sealed class IllegalTransitionException(string action, string from)
    : DomainException("illegal-transition", $"A tube that is {from} cannot be {action}.")
{
    public string Action { get; } = action;
    public string From { get; } = from;
}

/// <summary>A rule says this person may not do this (answered 403), e.g. signing off their own batch.</summary>
public sealed class NotPermittedException(string code, string message) : DomainException(code, message);

namespace Lims.Domain.Tubes;

/// <summary>Why a tube is refused at receipt.</summary>
public enum RejectionReason
{
    Leaking,
    Unlabelled,
    OverCapacity,
    WrongContainer,
    Unknown,
    Other,
}

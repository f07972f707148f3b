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

public static class RejectionReasonExtensions
{
    public static string ToWire(this RejectionReason reason) => reason switch
    {
        RejectionReason.Leaking => "leaking",
        RejectionReason.Unlabelled => "unlabelled",
        RejectionReason.OverCapacity => "over-capacity",
        RejectionReason.WrongContainer => "wrong-container",
        RejectionReason.Unknown => "unknown",
        RejectionReason.Other => "other",
    };

    public static RejectionReason? FromWire(string? value) =>
        Enum.GetValues<RejectionReason>().Cast<RejectionReason?>().FirstOrDefault(r => r!.Value.ToWire() == value);
}

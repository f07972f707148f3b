namespace Lims.Domain.Common;

public readonly record struct TubeId(Guid Value)
{
    public static TubeId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct SubmitterId(Guid Value)
{
    public static SubmitterId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct SubmissionId(Guid Value)
{
    public static SubmissionId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct BoxId(Guid Value)
{
    public static BoxId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct InactivationBatchId(Guid Value)
{
    public static InactivationBatchId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct PlateId(Guid Value)
{
    public static PlateId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct BarcodeAllocationId(Guid Value)
{
    public static BarcodeAllocationId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

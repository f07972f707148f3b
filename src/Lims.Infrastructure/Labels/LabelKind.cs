namespace Lims.Infrastructure.Labels;

/// <summary>What a label is stuck on; decides its size, its layout and the purpose line printed on it.</summary>
public enum LabelKind
{
    Tube,
    Box,
    Plate,
}

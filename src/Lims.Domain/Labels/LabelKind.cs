namespace Lims.Domain.Labels;

/// <summary>What a label is stuck on, and what an issued barcode range is for; decides a label's size, its layout and the purpose line printed on it.</summary>
public enum LabelKind
{
    Tube,
    Box,
    Plate,
}

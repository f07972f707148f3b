using System.Diagnostics.CodeAnalysis;
using Lims.Domain.Common;

namespace Lims.Domain.Plates;

/// <summary>
/// A well of a 96-well (A–H × 1–12) or 384-well (A–P × 1–24) plate. Parsed from "A1", "A01" or
/// "a1"; always written "A1". Without a plate size it accepts any well of a 384-well plate;
/// <see cref="FitsIn"/> checks it against a smaller plate.
/// </summary>
public readonly record struct WellPosition : IComparable<WellPosition>
{
    public const int MaxRows = 16;
    public const int MaxColumns = 24;

    private WellPosition(int row, int column)
    {
        Row = row;
        Column = column;
    }

    /// <summary>0-based row: 0 is A, 15 is P.</summary>
    public int Row { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    public char RowLetter => (char)('A' + Row);

    public static WellPosition Create(char rowLetter, int column)
    {
        var row = char.ToUpperInvariant(rowLetter) - 'A';
        if (row is < 0 or >= MaxRows)
            throw new DomainException("invalid-well", $"A well row is a letter A to P; '{rowLetter}' is not one.");
        if (column is < 1 or > MaxColumns)
            throw new DomainException("invalid-well", $"A well column is 1 to {MaxColumns}; {column} is not one.");
        return new WellPosition(row, column);
    }

    public static WellPosition Parse(string? text) =>
        TryParse(text, out var well, out var error) ? well : throw new DomainException("invalid-well", error);

    public static bool TryParse(string? text, out WellPosition well, [NotNullWhen(false)] out string? error)
    {
        well = default;
        var span = text.AsSpan().Trim();
        if (span.Length is < 2 or > 5)
        {
            error = $"A well is a row letter and a column number, e.g. A1 or H12; '{text}' is not one.";
            return false;
        }
        var row = char.ToUpperInvariant(span[0]) - 'A';
        if (row is < 0 or >= MaxRows)
        {
            error = $"A well row is a letter A to P; '{text}' does not start with one.";
            return false;
        }
        var column = 0;
        foreach (var c in span[1..])
        {
            if (c is < '0' or > '9')
            {
                error = $"A well is a row letter and a column number, e.g. A1 or H12; '{text}' is not one.";
                return false;
            }
            column = column * 10 + (c - '0');
        }
        if (column is < 1 or > MaxColumns)
        {
            error = $"A well column is 1 to {MaxColumns}; '{text}' has column {column}.";
            return false;
        }
        well = new WellPosition(row, column);
        error = null;
        return true;
    }

    /// <summary>The well at a 0-based index counted row by row (A1 = 0, A2 = 1, …, B1 = 12 on a 96-well plate).</summary>
    public static WellPosition FromIndex(int index, int plateSize) =>
        TryFromIndex(index, plateSize, out var well, out var error) ? well : throw new DomainException("invalid-well", error);

    public static bool TryFromIndex(int index, int plateSize, out WellPosition well, [NotNullWhen(false)] out string? error)
    {
        well = default;
        if (!TryColumnsOf(plateSize, out var columns, out error)) return false;
        if (index < 0 || index >= plateSize)
        {
            error = $"A {plateSize}-well plate numbers its wells 0 to {plateSize - 1} from 0; {index} is outside.";
            return false;
        }
        well = new WellPosition(index / columns, index % columns + 1);
        return true;
    }

    /// <summary>The well at a 1-based number counted row by row (A1 = 1), as QuantStudio and RDML number wells.</summary>
    public static WellPosition FromNumber(int number, int plateSize) =>
        TryFromIndex(number - 1, plateSize, out var well, out _)
            ? well
            : throw new DomainException("invalid-well", $"A {plateSize}-well plate numbers its wells 1 to {plateSize}; {number} is outside.");

    /// <summary>The 0-based row-by-row index of this well on a plate of the given size.</summary>
    public int ToIndex(int plateSize)
    {
        if (!TryColumnsOf(plateSize, out var columns, out var error)) throw new DomainException("invalid-plate-size", error);
        if (!FitsIn(plateSize)) throw new DomainException("invalid-well", $"Well {this} is not on a {plateSize}-well plate.");
        return Row * columns + Column - 1;
    }

    public bool FitsIn(int plateSize) => plateSize switch
    {
        96 => Row < 8 && Column <= 12,
        384 => Row < 16 && Column <= 24,
        _ => false,
    };

    public static bool IsPlateSize(int plateSize) => plateSize is 96 or 384;

    private static bool TryColumnsOf(int plateSize, out int columns, [NotNullWhen(false)] out string? error)
    {
        columns = plateSize switch { 96 => 12, 384 => 24, _ => 0 };
        error = columns == 0 ? $"A plate has 96 or 384 wells, not {plateSize}." : null;
        return columns != 0;
    }

    public int CompareTo(WellPosition other) =>
        Row != other.Row ? Row.CompareTo(other.Row) : Column.CompareTo(other.Column);

    public static bool operator <(WellPosition left, WellPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(WellPosition left, WellPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(WellPosition left, WellPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(WellPosition left, WellPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RowLetter}{Column}");
}

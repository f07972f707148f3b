using System.Text.Json.Serialization;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Plates;

public enum PlateStatus
{
    /// <summary>Being loaded: tubes can be placed, moved and removed.</summary>
    Open,
    /// <summary>Sealed for extraction and PCR: the layout is final.</summary>
    Sealed,
    /// <summary>The instrument's run file was imported and interpreted: the plate is done.</summary>
    Interpreted,
}

/// <summary>Whether tubes fill a plate down the columns (A1, B1, …, H1, A2, …) or along the rows.</summary>
public enum FillOrder
{
    [JsonStringEnumMemberName("column")]
    ColumnWise,
    [JsonStringEnumMemberName("row")]
    RowWise,
}

/// <summary>
/// A 96- or 384-well plate for one assay kit. The kit's controls are placed when the plate is made,
/// at the end of the fill order; tubes go into the free wells in scan order, or where a technician
/// puts them, and can be moved until the plate is sealed.
/// </summary>
public sealed class Plate
{
    private readonly List<PlateWell> _wells = [];

    private Plate() { }

    public PlateId Id { get; private set; }
    public Barcode Barcode { get; private set; }
    public int Size { get; private set; }
    public string KitCode { get; private set; } = "";
    public string KitVersion { get; private set; } = "";
    public FillOrder FillOrder { get; private set; }
    public PlateStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? SealedAt { get; private set; }
    public string? SealedBy { get; private set; }
    public DateTimeOffset? InterpretedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<PlateWell> Wells => _wells.AsReadOnly();

    public static Plate Create(PlateId id, Barcode barcode, int size, AssayKit kit, FillOrder fillOrder, DateTimeOffset at, string by)
    {
        if (!WellPosition.IsPlateSize(size)) throw new DomainException("invalid-plate-size", $"A plate has 96 or 384 wells, not {size}.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        var plate = new Plate
        {
            Id = id, Barcode = barcode, Size = size, KitCode = kit.Code, KitVersion = kit.Version, FillOrder = fillOrder,
            Status = PlateStatus.Open, CreatedAt = at.ToUniversalTime(), CreatedBy = by,
        };
        // Controls take the last wells of the fill order, one per control the kit requires (e.g. H12 positive, G12 negative).
        var last = plate.Order().Reverse().GetEnumerator();
        foreach (var control in kit.Controls.Where(c => c.Required))
        {
            last.MoveNext();
            plate._wells.Add(PlateWell.Control(last.Current, control.Role, control.SampleNames.FirstOrDefault() ?? control.Role.ToWire()));
        }
        return plate;
    }

    /// <summary>Places a tube in the next free well of the fill order and answers the well.</summary>
    public WellPosition Place(Tube tube, DateTimeOffset at, string by)
    {
        var free = Order().Cast<WellPosition?>().FirstOrDefault(w => Occupant(w!.Value) is null)
            ?? throw new DomainException("plate-full", $"Plate {Barcode} has no free well left.");
        PlaceAt(tube, free, at, by);
        return free;
    }

    /// <summary>Places a tube in a given well (an inactivated tube, or one back for a retest).</summary>
    public void PlaceAt(Tube tube, WellPosition well, DateTimeOffset at, string by)
    {
        EnsureOpen();
        EnsureOnPlate(well);
        if (Occupant(well) is { } taken) throw new DomainException("well-taken", $"Well {well} of plate {Barcode} holds {taken.Name}.");
        if (_wells.Exists(w => w.TubeId == tube.Id)) throw new DomainException("tube-on-plate", $"Tube {tube.Barcode} is already on plate {Barcode}.");
        try
        {
            tube.Plate($"plate {Barcode} well {well}", at, by);
        }
        catch (IllegalTransitionException e)
        {
            throw new DomainException("tube-not-plateable", $"Tube {tube.Barcode} is {e.From}: only inactivated tubes and tubes sent to retest go on a plate.");
        }
        _wells.Add(PlateWell.Sample(well, tube.Id, tube.Barcode));
        Version++;
    }

    /// <summary>Moves a tube or a control to a free well before the plate is sealed.</summary>
    public void Move(WellPosition from, WellPosition to)
    {
        EnsureOpen();
        EnsureOnPlate(from);
        EnsureOnPlate(to);
        var index = _wells.FindIndex(w => w.Position == from);
        if (index < 0) throw new DomainException("well-empty", $"Well {from} of plate {Barcode} is empty.");
        if (Occupant(to) is { } taken) throw new DomainException("well-taken", $"Well {to} of plate {Barcode} holds {taken.Name}.");
        _wells[index] = _wells[index] with { Position = to };
        Version++;
    }

    public void Seal(DateTimeOffset at, string by)
    {
        EnsureOpen();
        if (!_wells.Exists(w => w.Role == WellRole.Sample)) throw new DomainException("plate-empty", $"Plate {Barcode} holds no tube yet.");
        Status = PlateStatus.Sealed;
        SealedAt = at.ToUniversalTime();
        SealedBy = by;
        Version++;
    }

    /// <summary>The run of this sealed plate was imported and its wells interpreted; it takes no second run.</summary>
    public void RecordRun(DateTimeOffset at)
    {
        if (Status == PlateStatus.Open) throw new DomainException("plate-not-sealed", $"Plate {Barcode} is not sealed yet: seal it before its run is imported.");
        if (Status == PlateStatus.Interpreted) throw new DomainException("plate-has-run", $"Plate {Barcode} has its run already.");
        Status = PlateStatus.Interpreted;
        InterpretedAt = at.ToUniversalTime();
        Version++;
    }

    /// <summary>The plate map for the instrument's sample set-up: well, sample name and role, in fill order (<see cref="Csv"/>).</summary>
    public string ToCsv()
    {
        var csv = new Csv("Well", "Sample Name", "Role");
        foreach (var well in Order())
            if (Occupant(well) is { } w) csv.Row(well.ToString(), w.Name, w.Role.ToWire());
        return csv.ToString();
    }

    /// <summary>Wells in fill order.</summary>
    public IEnumerable<WellPosition> Order()
    {
        var (rows, columns) = Size == 96 ? (8, 12) : (16, 24);
        return FillOrder == FillOrder.ColumnWise
            ? Enumerable.Range(1, columns).SelectMany(c => Enumerable.Range(0, rows).Select(r => WellPosition.Create((char)('A' + r), c)))
            : Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(1, columns).Select(c => WellPosition.Create((char)('A' + r), c)));
    }

    private PlateWell? Occupant(WellPosition well) => _wells.Find(w => w.Position == well);

    private void EnsureOpen()
    {
        if (Status != PlateStatus.Open) throw new DomainException("plate-sealed", $"Plate {Barcode} is sealed: its layout is final.");
    }

    private void EnsureOnPlate(WellPosition well)
    {
        if (!well.FitsIn(Size)) throw new DomainException("no-such-well", $"A {Size}-well plate has no well {well}.");
    }
}

/// <summary>What is in one well: a tube (a sample) or a control.</summary>
public sealed record PlateWell(WellPosition Position, WellRole Role, TubeId? TubeId, Barcode? TubeBarcode, string? ControlName)
{
    public static PlateWell Sample(WellPosition position, TubeId tube, Barcode barcode) => new(position, WellRole.Sample, tube, barcode, null);

    public static PlateWell Control(WellPosition position, WellRole role, string name) => new(position, role, null, null, name);

    /// <summary>The name the instrument knows the well by: the tube barcode, or the control's name.</summary>
    public string Name => TubeBarcode?.Value ?? ControlName!;
}

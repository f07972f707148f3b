using Lims.Domain.Assays;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests.Plates;

public sealed class PlateTests
{
    private static readonly DateTimeOffset At = TestData.RegisteredAt.AddHours(3);

    [Theory]
    [InlineData(96, FillOrder.ColumnWise, "A1", "B1", "G12", "H12")]
    [InlineData(96, FillOrder.RowWise, "A1", "A2", "H11", "H12")]
    [InlineData(384, FillOrder.ColumnWise, "A1", "B1", "O24", "P24")]
    public void Controls_take_the_last_wells_and_tubes_fill_from_the_first(int size, FillOrder order, string first, string second, string negative, string positive)
    {
        var plate = NewPlate(size, order);
        var tubes = InactivatedTubes(2);

        var wells = tubes.Select(t => plate.Place(t, At, "tech").ToString()).ToList();

        Assert.Equal([first, second], wells);
        Assert.Equal(WellRole.NegativeControl, plate.Wells.Single(w => w.Position.ToString() == negative).Role);
        Assert.Equal(WellRole.PositiveControl, plate.Wells.Single(w => w.Position.ToString() == positive).Role);
        Assert.All(tubes, t => Assert.Equal(TubeStatus.Plated, t.Status));
    }

    [Fact]
    public void A_full_plate_refuses_the_next_tube()
    {
        var plate = NewPlate(96, FillOrder.ColumnWise);
        foreach (var tube in InactivatedTubes(94)) plate.Place(tube, At, "tech");

        Assert.Equal("plate-full", Assert.Throws<DomainException>(() => plate.Place(InactivatedTubes(1)[0], At, "tech")).Code);
    }

    [Fact]
    public void Only_inactivated_or_retest_tubes_go_on_a_plate_once()
    {
        var plate = NewPlate(96, FillOrder.ColumnWise);
        var tube = InactivatedTubes(1)[0];
        plate.Place(tube, At, "tech");

        Assert.Equal("tube-on-plate", Assert.Throws<DomainException>(() => plate.PlaceAt(tube, WellPosition.Parse("C3"), At, "tech")).Code);
        Assert.Equal("tube-not-plateable", Assert.Throws<DomainException>(() => plate.Place(TestData.Register(barcode: "T1231231"), At, "tech")).Code);
        Assert.Equal("well-taken", Assert.Throws<DomainException>(() => plate.PlaceAt(InactivatedTubes(1)[0], WellPosition.Parse("H12"), At, "tech")).Code);
        Assert.Equal("no-such-well", Assert.Throws<DomainException>(() => plate.PlaceAt(InactivatedTubes(1)[0], WellPosition.Parse("P24"), At, "tech")).Code);
    }

    [Fact]
    public void Wells_move_until_the_plate_is_sealed_and_the_map_lists_them_in_fill_order()
    {
        var plate = NewPlate(96, FillOrder.ColumnWise);
        var tubes = InactivatedTubes(2);
        plate.Place(tubes[0], At, "tech");
        plate.Place(tubes[1], At, "tech");

        plate.Move(WellPosition.Parse("A1"), WellPosition.Parse("A5"));
        Assert.Equal("well-empty", Assert.Throws<DomainException>(() => plate.Move(WellPosition.Parse("A1"), WellPosition.Parse("A6"))).Code);
        Assert.Equal("well-taken", Assert.Throws<DomainException>(() => plate.Move(WellPosition.Parse("B1"), WellPosition.Parse("A5"))).Code);
        plate.Seal(At, "tech");

        Assert.Equal("plate-sealed", Assert.Throws<DomainException>(() => plate.Move(WellPosition.Parse("B1"), WellPosition.Parse("C1"))).Code);
        Assert.Equal("plate-sealed", Assert.Throws<DomainException>(() => plate.Seal(At, "tech")).Code);
        Assert.Equal(
            $"Well,Sample Name,Role\r\nB1,{tubes[1].Barcode},sample\r\nA5,{tubes[0].Barcode},sample\r\nG12,{plate.Wells.Single(w => w.Position.ToString() == "G12").Name},negative-control\r\nH12,{plate.Wells.Single(w => w.Position.ToString() == "H12").Name},positive-control\r\n",
            plate.ToCsv());
    }

    [Fact]
    public void An_empty_plate_cannot_be_sealed_and_sizes_are_96_or_384()
    {
        Assert.Equal("plate-empty", Assert.Throws<DomainException>(() => NewPlate(96, FillOrder.ColumnWise).Seal(At, "tech")).Code);
        Assert.Equal("invalid-plate-size", Assert.Throws<DomainException>(() => NewPlate(48, FillOrder.ColumnWise)).Code);
    }

    private static Plate NewPlate(int size, FillOrder order) =>
        Plate.Create(PlateId.New(), Barcode.Create("P0000001"), size, BuiltInKits.ChinaOrf1abN, order, At, "tech");

    private static List<Tube> InactivatedTubes(int count) =>
        [.. Enumerable.Range(1, count).Select(_ =>
        {
            var tube = TestData.Register(barcode: $"R{Guid.NewGuid().ToString("N")[..9]}");
            tube.Ship(At.AddHours(-2), "courier");
            tube.Receive(At.AddHours(-1), "tech");
            tube.Inactivate(At.AddMinutes(-10), "tech");
            return tube;
        })];
}

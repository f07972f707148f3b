using Lims.Application.Features.Plates;

namespace Lims.Application.Tests.Plates;

/// <summary>Plates: the kit's controls placed when made, tubes in fill order or by hand, moved until sealed, and the plate map.</summary>
public abstract class PlateTests(LimsApp app)
{
    [Theory]
    [InlineData(96, AppFlow.Kit, "column", "G12", "H12")]
    [InlineData(96, AppFlow.Kit, "row", "H11", "H12")]
    [InlineData(384, "cdc-2019-ncov", "column", "O24", "P24")]
    public async Task A_new_plate_has_its_kits_controls_in_the_last_wells_of_its_fill_order(int size, string kit, string fillOrder, string negative, string positive)
    {
        var created = await app.SendAsync(new CreatePlate(Barcodes.New("P"), size, kit, null, fillOrder, AppFlow.Bench));

        Assert.Equal(("open", size, kit, fillOrder), (created.Status, created.Size, created.Kit, created.FillOrder));
        Assert.Equal(
            new[] { (negative, "negative-control"), (positive, "positive-control") }.OrderBy(w => w.Item1, StringComparer.Ordinal),
            created.Wells.Select(w => (w.Well, w.Role)).OrderBy(w => w.Item1, StringComparer.Ordinal));
        Assert.All(created.Wells, w => Assert.Null(w.Tube));
    }

    [Fact]
    public async Task Creating_a_plate_again_answers_it_and_another_kit_or_size_is_a_conflict()
    {
        var plate = Barcodes.New("P");
        var first = await app.SendAsync(new CreatePlate(plate, 384, "cdc-2019-ncov", null, "column", AppFlow.Bench));

        var retry = await app.SendAsync(new CreatePlate(plate, 384, "cdc-2019-ncov", null, "column", "station:bench-2"));
        var otherSize = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new CreatePlate(plate, 96, "cdc-2019-ncov", null, "column", AppFlow.Bench)));
        var otherKit = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new CreatePlate(plate, 384, AppFlow.Kit, null, "column", AppFlow.Bench)));

        Assert.Equal((first.Barcode, first.Kit, first.KitVersion, first.Size), (retry.Barcode, retry.Kit, retry.KitVersion, retry.Size));
        Assert.Equal(first.Wells, retry.Wells);
        Assert.All(new[] { otherSize, otherKit }, e => Assert.Equal("plate-exists", e.Code));
        Assert.Equal("cdc-2019-ncov", (await app.SendAsync(new GetPlate(plate))).Kit);
    }

    [Fact]
    public async Task A_plate_needs_a_known_kit_a_plate_size_and_a_fill_order()
    {
        var unknownKit = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new CreatePlate(Barcodes.New("P"), 96, "no-such-kit", null, "column", AppFlow.Bench)));
        var unknownVersion = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new CreatePlate(Barcodes.New("P"), 96, AppFlow.Kit, "99", "column", AppFlow.Bench)));
        var bad = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreatePlate("P 1", 48, "", null, "diagonal", AppFlow.Bench)));

        Assert.Equal("There is no assay kit no-such-kit.", unknownKit.Message);
        Assert.Contains("version 99", unknownVersion.Message, StringComparison.Ordinal);
        Assert.Equal(["barcode", "fillOrder", "kit", "size"], bad.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tubes_fill_the_plate_in_scan_order_and_a_retried_scan_answers_its_well()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(3);
        var plate = await app.PlateAsync();

        var wells = new List<string>();
        foreach (var tube in tubes) wells.Add((await app.SendAsync(new PlaceTube(plate, tube, null, AppFlow.Bench))).Well);
        var retry = await app.SendAsync(new PlaceTube(plate, tubes[0], null, AppFlow.Bench));
        var retryAtItsWell = await app.SendAsync(new PlaceTube(plate, tubes[1], "b01", AppFlow.Bench));

        Assert.Equal(["A1", "B1", "C1"], wells);
        Assert.Equal(new PlacedTube(plate, tubes[0], "A1"), retry);
        Assert.Equal("B1", retryAtItsWell.Well);
        Assert.Equal(tubes, (await app.SendAsync(new GetPlate(plate))).Wells.Where(w => w.Role == "sample").Select(w => w.Tube));
        var stored = await app.TubeAsync(tubes[1]);
        Assert.Equal(TubeStatus.Plated, stored.Status);
        Assert.Single(stored.History, h => h.To == TubeStatus.Plated);
        Assert.Equal($"plate {plate} well B1", stored.History[^1].Reason);
    }

    [Fact]
    public async Task A_tube_goes_on_one_open_plate_only_and_only_once_inactivated()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        var (_, received) = await app.ReceivedTubesAsync(1);
        var (one, two) = (await app.PlateAsync(), await app.PlateAsync());
        await app.SendAsync(new PlaceTube(one, tubes[0], null, AppFlow.Bench));

        var secondPlate = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(two, tubes[0], null, AppFlow.Bench)));
        var otherWell = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(one, tubes[0], "C3", AppFlow.Bench)));
        var early = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(two, received[0], null, AppFlow.Bench)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new PlaceTube(two, "NOSUCHTUBE", null, AppFlow.Bench)));

        Assert.Equal(("tube-not-plateable", "tube-on-plate", "tube-not-plateable"), (secondPlate.Code, otherWell.Code, early.Code));
        Assert.DoesNotContain((await app.SendAsync(new GetPlate(two))).Wells, w => w.Role == "sample");
        Assert.Equal(["A1"], (await app.SendAsync(new GetPlate(one))).Wells.Where(w => w.Tube == tubes[0]).Select(w => w.Well));
        Assert.Equal(TubeStatus.Received, (await app.TubeAsync(received[0])).Status);
    }

    [Fact]
    public async Task A_tube_placed_by_hand_takes_its_well_and_a_taken_or_missing_well_is_refused()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(3);
        var plate = await app.PlateAsync();

        var placed = await app.SendAsync(new PlaceTube(plate, tubes[0], "d05", AppFlow.Bench));
        var control = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(plate, tubes[1], "H12", AppFlow.Bench)));
        var taken = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(plate, tubes[1], "D5", AppFlow.Bench)));
        var noWell = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new PlaceTube(plate, tubes[1], "Z99", AppFlow.Bench)));
        var next = await app.SendAsync(new PlaceTube(plate, tubes[1], null, AppFlow.Bench));

        Assert.Equal("D5", placed.Well);
        Assert.Equal(("well-taken", "well-taken"), (control.Code, taken.Code));
        Assert.Equal(["well"], noWell.Errors.Keys);
        Assert.Equal("A1", next.Well);
        Assert.Equal(TubeStatus.Inactivated, (await app.TubeAsync(tubes[2])).Status);
    }

    [Fact]
    public async Task Wells_move_until_the_plate_is_sealed_and_then_its_layout_is_final()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.PlateAsync();
        await app.SendAsync(new PlaceTube(plate, tubes[0], null, AppFlow.Bench));

        var moved = await app.SendAsync(new MoveWell(plate, "A1", "C07"));
        var control = await app.SendAsync(new MoveWell(plate, "H12", "A12"));
        var onto = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new MoveWell(plate, "C7", "A12")));
        var empty = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new MoveWell(plate, "B2", "B3")));
        var offPlate = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new MoveWell(plate, "C7", "M1")));
        var sealedPlate = await app.SendAsync(new SealPlate(plate, AppFlow.Bench));

        Assert.Equal([("A12", "positive-control", null), ("C7", "sample", tubes[0]), ("G12", "negative-control", null)],
            control.Wells.Select(w => (w.Well, w.Role, w.Tube)).OrderBy(w => w.Well, StringComparer.Ordinal));
        Assert.Contains(moved.Wells, w => w.Well == "C7" && w.Tube == tubes[0]);
        Assert.Equal(("well-taken", "well-empty", "no-such-well"), (onto.Code, empty.Code, offPlate.Code));
        Assert.Equal(("sealed", app.Clock.Now), (sealedPlate.Status, sealedPlate.SealedAt));
        Assert.Equal(control.Wells, sealedPlate.Wells);

        var refused = new[]
        {
            await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new MoveWell(plate, "C7", "C8"))),
            await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new PlaceTube(plate, tubes[1], null, AppFlow.Bench))),
            await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new SealPlate(plate, AppFlow.Bench))),
        };
        Assert.All(refused, e => Assert.Equal("plate-sealed", e.Code));
        var stored = await app.SendAsync(new GetPlate(plate));
        Assert.Equal(control.Wells, stored.Wells);
        Assert.Equal(app.Clock.Now, stored.SealedAt);
        Assert.Equal(TubeStatus.Inactivated, (await app.TubeAsync(tubes[1])).Status);
    }

    [Fact]
    public async Task A_plate_without_a_tube_cannot_be_sealed()
    {
        var plate = await app.PlateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new SealPlate(plate, AppFlow.Bench)));

        Assert.Equal("plate-empty", refused.Code);
        Assert.Equal("open", (await app.SendAsync(new GetPlate(plate))).Status);
    }

    [Fact]
    public async Task The_plate_map_lists_every_well_in_use_in_fill_order_with_its_sample_name_and_role()
    {
        var (_, tubes) = await app.InactivatedTubesAsync(2);
        var plate = await app.PlateAsync("row");
        await app.SendAsync(new PlaceTube(plate, tubes[0], "B1", AppFlow.Bench));
        await app.SendAsync(new PlaceTube(plate, tubes[1], null, AppFlow.Bench));

        var map = await app.SendAsync(new GetPlateMap(plate));

        Assert.Equal(plate, map.Plate);
        Assert.Equal($"Well,Sample Name,Role\r\nA1,{tubes[1]},sample\r\nB1,{tubes[0]},sample\r\nH11,NTC,negative-control\r\nH12,PC,positive-control\r\n", map.Csv);
        Assert.Equal("There is no plate P-NOWHERE.", (await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetPlateMap("P-NOWHERE")))).Message);
    }

    [Fact]
    public async Task The_plate_map_quotes_what_holds_commas_or_quotes_and_keeps_formulas_from_running()
    {
        var code = "hostile-" + Guid.NewGuid().ToString("N")[..6];
        await app.SendAsync(new Lims.Application.Features.Kits.RegisterKit($$"""
            { "code": "{{code}}", "name": "Hostile names", "version": "1", "layout": "multiplex",
              "targets": [ { "name": "N", "dye": "FAM", "role": "pathogen" } ], "ctCutoff": 40, "requiredPositiveTargets": 1,
              "controls": [ { "role": "positive", "sampleNames": ["=HYPERLINK(\"http://x.example/\",\"PC\")"], "pathogenTargets": "amplify", "internalControl": "any" },
                            { "role": "negative", "sampleNames": ["@SUM(1+1)*cmd|' /C calc'!A0,NTC"], "pathogenTargets": "absent", "internalControl": "any" } ] }
            """, AppFlow.Bench));
        var (_, tubes) = await app.InactivatedTubesAsync(1);
        // A tube registered before barcodes were restricted (stored so, and still placed).
        var stored = "+" + tubes[0][1..];
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE tubes SET barcode = {0} WHERE barcode = {1}", stored, tubes[0]));
        var plate = Barcodes.New("P");
        await app.SendAsync(new CreatePlate(plate, 96, code, null, "column", AppFlow.Bench));
        await app.SendAsync(new PlaceTube(plate, stored, null, AppFlow.Bench));

        var map = await app.SendAsync(new GetPlateMap(plate));

        Assert.Equal(
            "Well,Sample Name,Role\r\n" +
            $"A1,'{stored},sample\r\n" +
            "G12,\"'@SUM(1+1)*cmd|' /C calc'!A0,NTC\",negative-control\r\n" +
            "H12,\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"PC\"\")\",positive-control\r\n",
            map.Csv);
    }
}

public sealed class SqlitePlateTests(SqliteApp fixture) : PlateTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlPlateTests(PostgreSqlApp fixture) : PlateTests(fixture.App), IClassFixture<PostgreSqlApp>;

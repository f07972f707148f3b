using Lims.Application.Features.Batches;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Receiving;
using Lims.Application.Features.Tubes;

namespace Lims.Application.Tests.Tubes;

/// <summary>
/// Barcodes are letters, digits, '-', '.' and '_': nothing new is made with another one, while what was stored under the
/// earlier rule is still found and worked with, and <see cref="CheckStoredBarcodes"/> lists it.
/// </summary>
public abstract class StoredBarcodeTests(LimsApp app)
{
    [Theory]
    [InlineData("TB/00001", "'/' (U+002F) at position 3")]
    [InlineData("=2+5+cmd", "starts with '=' (U+003D)")]
    [InlineData("TB,00001", "',' (U+002C) at position 3")]
    [InlineData("-TB00001", "starts with '-' (U+002D)")]
    public async Task A_tube_box_or_plate_barcode_that_would_break_a_url_or_a_csv_is_refused_with_the_rule(string barcode, string why)
    {
        var hospital = await app.SubmitterAsync();
        var (_, tubes) = await app.RegisteredTubesAsync(1, submitter: hospital);

        var batch = await app.SendAsync(AppFlow.Registration(hospital, new BatchRequest("bad barcodes", [app.Tube(barcode)])));
        var box = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ShipBox(hospital, "api:test", barcode, 1, tubes)));
        var plate = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new CreatePlate(barcode, 96, AppFlow.Kit, null, "column", AppFlow.Bench)));

        var error = Assert.Single(Assert.Single(batch.Receipt.Rejected).Errors);
        Assert.Equal("barcode", error.Field);
        Assert.StartsWith(Barcode.Rule, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, Assert.Single(box.Errors["barcode"]));
        Assert.Equal(error.Message, Assert.Single(plate.Errors["barcode"]));
        Assert.Equal(0, await app.WithDbAsync(db => db.Tubes.CountAsync(t => t.Barcode == Barcode.FromStored(barcode))));
    }

    [Fact]
    public async Task A_tube_stored_with_an_old_barcode_is_still_found_shipped_and_scanned_and_the_check_lists_it()
    {
        var before = await app.SendAsync(new CheckStoredBarcodes());
        var (hospital, tubes) = await app.RegisteredTubesAsync(2);
        var (slash, formula) = ("TB/" + tubes[0][^8..], "=" + tubes[1][^8..] + "+1");
        await RenameAsync("tubes", tubes[0], slash);
        await RenameAsync("tubes", tubes[1], formula);

        var found = await app.SendAsync(new GetTube(hospital, slash));
        var box = await app.SendAsync(new ShipBox(hospital, "api:test", Barcodes.New("B"), 2, [slash, formula]));
        var scanned = await app.ScanAsync(box.Box.Barcode, formula);
        await RenameAsync("boxes", box.Box.Barcode, "BX#" + box.Box.Barcode[^6..]);
        var check = await app.SendAsync(new CheckStoredBarcodes());

        Assert.Equal(slash, found.Barcode);
        Assert.Equal("expected", scanned.Outcome);
        Assert.Equal(before.Checked + 3, check.Checked);
        var listed = check.Failing.Except(before.Failing).ToList();
        var renamedBox = "BX#" + box.Box.Barcode[^6..];
        Assert.Equal([("box", renamedBox), ("tube", formula), ("tube", slash)], listed.Select(f => (f.Kind, f.Barcode)).Order());
        Assert.All(listed, f => Assert.StartsWith(Barcode.Rule, f.Reason, StringComparison.Ordinal));
        Assert.EndsWith("'/' (U+002F) at position 3.", listed.Single(f => f.Barcode == slash).Reason, StringComparison.Ordinal);
        Assert.EndsWith("starts with '=' (U+003D).", listed.Single(f => f.Barcode == formula).Reason, StringComparison.Ordinal);
        Assert.EndsWith("'#' (U+0023) at position 3.", listed.Single(f => f.Barcode == renamedBox).Reason, StringComparison.Ordinal);
    }

    /// <summary>What a database written under the earlier rule holds: the row's barcode changed behind the application's back.</summary>
    private Task RenameAsync(string table, string from, string to) => app.WithDbAsync(db => table == "tubes"
        ? db.Database.ExecuteSqlAsync($"UPDATE tubes SET barcode = {to} WHERE barcode = {from}")
        : db.Database.ExecuteSqlAsync($"UPDATE boxes SET barcode = {to} WHERE barcode = {from}"));
}

public sealed class SqliteStoredBarcodeTests(SqliteApp fixture) : StoredBarcodeTests(fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgreSqlStoredBarcodeTests(PostgreSqlApp fixture) : StoredBarcodeTests(fixture.App), IClassFixture<PostgreSqlApp>;

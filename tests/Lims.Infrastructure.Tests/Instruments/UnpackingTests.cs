using System.Text;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>
/// Files built to exhaust memory are refused as damaged files are, early: what they declare is checked before anything
/// is unpacked, and what they unpack to is counted as it comes. Memory is measured on the reading thread (the reader is synchronous).
/// </summary>
public sealed class UnpackingTests
{
    private static (InstrumentFileException Error, long Allocated) Refused(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(file));
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void An_eds_whose_result_unpacks_to_255_MiB_is_refused_from_its_declared_size_without_unpacking_it()
    {
        var bomb = HostileFiles.EdsBomb();
        Assert.InRange(bomb.Length, 1, 1024 * 1024);

        var (error, allocated) = Refused(bomb);

        Assert.Contains($"{HostileFiles.EdsResult} unpacks to 267,386,880 bytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4L * 1024 * 1024);
    }

    [Fact]
    public void A_member_within_the_size_but_packed_a_thousand_to_one_is_a_zip_bomb()
    {
        var (error, allocated) = Refused(HostileFiles.EdsBomb(8L * 1024 * 1024));

        Assert.Contains($"more than {InstrumentFileReader.MaxCompressionRatio} times its packed size", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4L * 1024 * 1024);
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(1024u * 1024)]
    public void A_member_that_declares_less_than_it_holds_is_read_no_further_than_declared(uint declared)
    {
        var bomb = HostileFiles.LyingEdsBomb(255L * 1024 * 1024, declared);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // What it declares is a well-formed result with one well: that much is read, and no more.
        var run = InstrumentFileReader.Parse(bomb);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4L * declared + 4L * 1024 * 1024);
        Assert.Equal(25.1, Assert.Single(run.Wells).Targets[0].Ct);
    }

    [Fact]
    public void A_gzip_bomb_is_stopped_as_it_unpacks()
    {
        var bomb = HostileFiles.GzipBomb();
        Assert.InRange(bomb.Length, 1, 1024 * 1024);

        var (error, allocated) = Refused(bomb);

        Assert.Contains("The file unpacks to more than 100 times its packed size", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 8L * 1024 * 1024);
    }

    [Fact]
    public void Content_over_32_MiB_is_refused_whether_packed_or_not()
    {
        var text = new byte[InstrumentFileReader.MaxContentBytes + 1];
        Array.Fill(text, (byte)'1');
        "well,target,ct\n"u8.CopyTo(text);
        Assert.Contains("at most 33,554,432", Assert.Throws<InstrumentFileException>(() => InstrumentFileReader.Parse(text)).Message, StringComparison.Ordinal);

        var random = new byte[InstrumentFileReader.MaxContentBytes + 1];
        new Random(7).NextBytes(random);
        var (error, allocated) = Refused(HostileFiles.Zip(HostileFiles.EdsResult, random));
        Assert.Contains("than the 33,554,432 bytes an instrument result file may hold", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4L * 1024 * 1024);
    }

    [Fact]
    public void An_archive_inside_an_archive_is_refused()
    {
        var csv = Encoding.UTF8.GetBytes("well,target,ct\nA1,N,25\n");
        var rdmlZip = HostileFiles.Zip("rdml_data.xml", csv);

        Assert.Contains("The file is a zip archive inside gzip", Refused(HostileFiles.Gzip(rdmlZip)).Error.Message, StringComparison.Ordinal);
        Assert.Contains("The file is gzip inside gzip", Refused(HostileFiles.Gzip(HostileFiles.Gzip(csv))).Error.Message, StringComparison.Ordinal);
        Assert.Contains("rdml_data.xml is a zip archive inside a zip archive", Refused(HostileFiles.Zip("rdml_data.xml", rdmlZip)).Error.Message, StringComparison.Ordinal);
        Assert.Contains($"{HostileFiles.EdsResult} is gzip inside a zip archive", Refused(HostileFiles.Zip(HostileFiles.EdsResult, HostileFiles.Gzip(csv))).Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_001, "holds 1,001 files")]
    [InlineData(70_000, "holds 70,000 files")]
    public void An_archive_of_more_than_1000_members_is_refused_before_its_directory_is_read(int members, string expected)
    {
        var archive = HostileFiles.ManyMembers(members);

        var (error, allocated) = Refused(archive);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1024 * 1024);
    }

    [Fact]
    public void An_archive_of_1000_members_is_read()
    {
        Assert.Contains("neither an RDML", Refused(HostileFiles.ManyMembers(1_000)).Error.Message, StringComparison.Ordinal);
    }
}

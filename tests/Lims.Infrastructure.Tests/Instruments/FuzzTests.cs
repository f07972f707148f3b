using System.IO.Compression;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>
/// Every sample file, truncated at many offsets and with random bytes changed (seeded, so a failure
/// reproduces): the reader either returns a run or throws <see cref="InstrumentFileException"/> — nothing else.
/// For plain text the parsers must catch the damage themselves: no framework exception may even be wrapped.
/// </summary>
public sealed class FuzzTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Samples.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (file != "MANIFEST.txt") data.Add(file!);
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Truncated_or_corrupted_samples_fail_only_with_an_instrument_file_exception(string file)
    {
        var original = File.ReadAllBytes(Samples.PathOf(file));
        Fuzz(original, seed: file.Length, large: original.Length > 100_000, strict: IsPlainText(original));
    }

    /// <summary>The compressed samples once more after decompression, so the damage reaches the text parser rather than the CRC.</summary>
    [Theory]
    [InlineData("Roche_LC480_Cp_export.txt.gz")]
    [InlineData("COVID_CDC_mock_failing_plate.eds")]
    [InlineData("RDML_v1.0_ABI_StepOne_RNaseP_std.rdml")]
    public void Damage_inside_compressed_samples_fails_only_with_an_instrument_file_exception(string file)
    {
        var bytes = File.ReadAllBytes(Samples.PathOf(file));
        byte[] inner;
        if (bytes[0] == 0x1F)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            inner = buffer.ToArray();
        }
        else
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            using var entry = zip.Entries.Single(e => e.Length > 0).Open();
            using var buffer = new MemoryStream();
            entry.CopyTo(buffer);
            inner = buffer.ToArray();
        }
        Fuzz(inner, seed: 4242, large: false, strict: IsPlainText(inner));
    }

    private static bool IsPlainText(byte[] bytes) => bytes[0] is not ((byte)'P' or 0x1F or (byte)'<' or 0xD0);

    private static void Fuzz(byte[] original, int seed, bool large, bool strict)
    {
        var random = new Random(seed);
        var truncations = large ? 15 : 60;
        var mutations = large ? 20 : 200;

        for (var i = 0; i < truncations; i++)
        {
            var length = i == 0 ? 0 : random.Next(1, original.Length);
            Attempt(original.AsSpan(0, length).ToArray(), $"truncated to {length} bytes", strict);
        }
        for (var i = 0; i < mutations; i++)
        {
            var copy = (byte[])original.Clone();
            var changes = random.Next(1, 9);
            for (var c = 0; c < changes; c++)
            {
                var at = random.Next(copy.Length);
                copy[at] = random.Next(4) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)'\t',
                    2 => (byte)'\n',
                    _ => (byte)"0123456789.,-\"<>"[random.Next(16)],
                };
            }
            if (random.Next(5) == 0) copy = copy.AsSpan(0, random.Next(1, copy.Length)).ToArray();
            Attempt(copy, $"mutation {i} ({changes} bytes)", strict);
        }
    }

    private static void Attempt(byte[] content, string what, bool strict)
    {
        try
        {
            var run = InstrumentFileReader.Parse(content);
            Assert.NotEmpty(run.Wells);
        }
        catch (InstrumentFileException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), what);
            if (strict && e.InnerException is { } inner)
                Assert.Fail($"{what}: the text parser let {inner.GetType().Name} through ({inner.Message})");
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name} escaped: {e.Message}");
        }
    }
}

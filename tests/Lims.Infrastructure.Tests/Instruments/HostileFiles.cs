using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>Run files built to hurt the reader: zip and gzip bombs, archives in archives, archives of many members.</summary>
public static class HostileFiles
{
    public const string EdsResult = "apldbio/sds/analysis_result.txt";

    /// <summary>What a real analysis_result.txt starts with; zeros (or spaces) follow.</summary>
    private static readonly byte[] AbiHead = Encoding.ASCII.GetBytes("Well\tSample Name\tDetector\tTask\tCt\n0\tS1\tN\tUnknown\t25.1\n");

    /// <summary>An .eds whose analysis_result.txt unpacks to <paramref name="unpackedBytes"/> (255 MiB: a 260 KB file).</summary>
    public static byte[] EdsBomb(long unpackedBytes = 255L * 1024 * 1024) => Zip((EdsResult, Repetitive(unpackedBytes)));

    /// <summary>The same bomb with its declared size changed to <paramref name="declared"/> in both headers: it lies about what it unpacks to.</summary>
    public static byte[] LyingEdsBomb(long unpackedBytes, uint declared)
    {
        var zip = EdsBomb(unpackedBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), declared); // local header: uncompressed size
        var central = zip.AsSpan().LastIndexOf("PK\x01\x02"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), declared);
        return zip;
    }

    /// <summary>A gzip of text that unpacks to <paramref name="unpackedBytes"/>.</summary>
    public static byte[] GzipBomb(long unpackedBytes = 255L * 1024 * 1024) => Gzip(Repetitive(unpackedBytes));

    /// <summary>A zip of <paramref name="count"/> empty members (Zip64 past 65,535).</summary>
    public static byte[] ManyMembers(int count)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < count; i++) zip.CreateEntry($"m{i}", CompressionLevel.NoCompression);
        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Name, Action<Stream> Write)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, write) in members)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(stream);
            }
        return buffer.ToArray();
    }

    public static byte[] Zip(string name, byte[] content) => Zip((name, s => s.Write(content)));

    public static byte[] Gzip(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize)) write(gzip);
        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] content) => Gzip(s => s.Write(content));

    /// <summary>Writes the ABI header then spaces up to <paramref name="bytes"/> in all.</summary>
    private static Action<Stream> Repetitive(long bytes) => stream =>
    {
        stream.Write(AbiHead);
        var spaces = new byte[1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var left = bytes - AbiHead.Length; left > 0; left -= spaces.Length)
            stream.Write(spaces, 0, (int)Math.Min(left, spaces.Length));
    };
}

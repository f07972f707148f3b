using System.Buffers.Binary;
using System.IO.Compression;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// What one instrument file may unpack to, and the streams that hold it to that: at most
/// <see cref="InstrumentFileReader.MaxContentBytes"/> in all, no member packed more than
/// <see cref="InstrumentFileReader.MaxCompressionRatio"/> to one once past <see cref="RatioCheckedAbove"/> (a real result file
/// packs to a tenth or a twentieth; a zip bomb to a thousandth), no archive inside an archive, at most
/// <see cref="InstrumentFileReader.MaxArchiveEntries"/> members. Each limit is checked from what the archive declares before
/// anything is unpacked, and again on the bytes as they come, so a member that lies about its size is stopped as well.
/// </summary>
/// <param name="packing">What the file is packed as, for the messages: <c>gzip</c>, <c>a zip archive</c>.</param>
internal sealed class Unpacking(string packing)
{
    /// <summary>Below this, a member may pack as tightly as it likes (a short, repetitive text does).</summary>
    public const long RatioCheckedAbove = 1024 * 1024;

    private long _unpacked;

    /// <summary>Refuses a zip member from what its entry declares, before it is opened.</summary>
    public void CheckDeclared(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (_unpacked + entry.Length > InstrumentFileReader.MaxContentBytes) throw TooLarge(name, entry.Length);
        if (entry.Length > RatioCheckedAbove && entry.Length > InstrumentFileReader.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            throw TooDense(name, entry.Length, entry.CompressedLength);
    }

    /// <summary>The member's bytes as they unpack, within the limits; <paramref name="packed"/> tells how many packed bytes were read so far.</summary>
    public Stream Open(Stream unpacking, string name, Func<long> packed) => new Bounded(this, unpacking, name, packed);

    /// <summary>Every byte of a member, within the limits.</summary>
    public byte[] ReadAll(Stream unpacking, string name, Func<long> packed)
    {
        using var bounded = Open(unpacking, name, packed);
        using var buffer = new MemoryStream();
        bounded.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The number of members a zip archive's end record declares (its Zip64 record's when it has one), read before the archive is opened.</summary>
    public static void CheckEntryCount(ReadOnlySpan<byte> zip)
    {
        // The end of central directory record: 22 bytes and a comment of up to 65,535, at the very end.
        var tail = zip[Math.Max(0, zip.Length - 22 - ushort.MaxValue)..];
        var at = tail.LastIndexOf("PK\x05\x06"u8);
        if (at < 0 || tail.Length - at < 22) return; // not readable as a zip: ZipArchive says so
        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail[(at + 10)..]);
        if (count == ushort.MaxValue)
        {
            // Zip64: the locator (20 bytes) just before the end record points to the Zip64 end record, which has the count.
            var locator = zip.Length - tail.Length + at - 20;
            count = long.MaxValue;
            if (locator >= 0 && zip[locator..].StartsWith("PK\x06\x07"u8)
                && BinaryPrimitives.ReadUInt64LittleEndian(zip[(locator + 8)..]) is var record and < long.MaxValue
                && (long)record + 40 <= zip.Length && zip[(int)record..].StartsWith("PK\x06\x06"u8))
                count = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)record + 32)..]), long.MaxValue);
        }
        if (count > InstrumentFileReader.MaxArchiveEntries)
            throw new InstrumentFileException(
                $"The zip archive holds {(count == long.MaxValue ? "more than 65,535" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} files; " +
                $"an instrument file holds a few, at most {InstrumentFileReader.MaxArchiveEntries:N0} are read.");
    }

    /// <summary>Refuses content that is itself an archive: a result file is packed once, if at all.</summary>
    private void CheckNotAnArchive(ReadOnlySpan<byte> head, string name)
    {
        var inner = head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) ? "gzip"
            : head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8) ? "a zip archive"
            : null;
        if (inner is not null)
            throw new InstrumentFileException($"{name} is {inner} inside {packing}; an instrument file is packed once at most: unpack it and import the result file.");
    }

    private static InstrumentFileException TooLarge(string name, long bytes) =>
        new($"{name} unpacks to {(bytes > 0 ? $"{bytes:N0} bytes" : "more")} than the {InstrumentFileReader.MaxContentBytes:N0} bytes an instrument result file may hold; that is not one.");

    private static InstrumentFileException TooDense(string name, long unpacked, long packed) =>
        new($"{name} unpacks to more than {InstrumentFileReader.MaxCompressionRatio} times its packed size ({unpacked:N0} bytes from {packed:N0}); " +
            "no instrument result file packs so tightly, a zip bomb does.");

    private sealed class Bounded(Unpacking budget, Stream inner, string name, Func<long> packed) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            if (read == 0) return 0;
            if (_read == 0) budget.CheckNotAnArchive(buffer[..read], name);
            _read += read;
            budget._unpacked += read;
            if (budget._unpacked > InstrumentFileReader.MaxContentBytes) throw TooLarge(name, 0);
            if (_read > RatioCheckedAbove && _read > InstrumentFileReader.MaxCompressionRatio * Math.Max(1, packed()))
                throw TooDense(name, _read, packed());
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

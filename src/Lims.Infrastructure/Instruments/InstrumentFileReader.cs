using System.IO.Compression;

namespace Lims.Infrastructure.Instruments;

/// <summary>
/// Reads a qPCR instrument result file, recognising its format from the content (never the file name):
/// RDML 1.0–1.4 (zip or bare XML), ABI 7500 .eds and its analysis_result.txt, QuantStudio / ViiA 7 text,
/// Bio-Rad CFX Maestro Cq results CSV, Roche LightCycler 480 Cp text, RDES, and a plain <c>well,target,ct</c> CSV.
/// Any text format may be gzip-compressed. A file that cannot be read throws <see cref="InstrumentFileException"/>
/// and nothing else. What is parsed — the file itself, or what it unpacks to — is bounded (<see cref="Unpacking"/>): a
/// hostile archive is refused before it costs more memory than a real file would.
/// </summary>
public static class InstrumentFileReader
{
    public const long MaxFileBytes = Lims.Application.Features.Runs.ImportRunValidator.MaxFileBytes;

    /// <summary>The most a file's content may be, as uploaded or unpacked (32 MiB): a real result file is a few MB.</summary>
    public const long MaxContentBytes = 32L * 1024 * 1024;

    /// <summary>A member unpacking to more than this many times its packed size (past 1 MiB) is a zip bomb; real files pack 5–20 to one.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>The most members a zip archive may hold (an .eds holds tens).</summary>
    public const int MaxArchiveEntries = 1000;

    public const string SupportedFormats =
        "RDML, ABI 7500 .eds or its analysis_result.txt, QuantStudio/ViiA 7 text export, Bio-Rad CFX Maestro Cq results CSV, " +
        "LightCycler 480 Cp text export, RDES, or a CSV with the columns well,target,ct (any text format may be gzip-compressed)";

    private const string EdsResultPath = "apldbio/sds/analysis_result.txt";

    public static ParsedRun Read(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new InstrumentFileException($"There is no file {path}.");
            if (info.Length > MaxFileBytes) throw new InstrumentFileException($"{path} has {info.Length:N0} bytes; an instrument file has at most {MaxFileBytes:N0}.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InstrumentFileException($"{path} cannot be read: {e.Message}", e);
        }
        return Parse(bytes);
    }

    public static ParsedRun Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return Parse(ReadCapped(stream, MaxFileBytes, "The file"));
        }
        catch (IOException e)
        {
            throw new InstrumentFileException($"The file cannot be read: {e.Message}", e);
        }
    }

    public static ParsedRun Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return ParseContent(content);
        }
        catch (InstrumentFileException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defence in depth: whatever a damaged file provokes in a parser or the framework
            // (InvalidDataException from zip/gzip, XmlException, ...) reaches callers as one documented type.
            throw new InstrumentFileException($"The file is damaged or truncated ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static ParsedRun ParseContent(byte[] bytes)
    {
        if (bytes.Length == 0) throw new InstrumentFileException("The file is empty.");
        ReadOnlySpan<byte> head = bytes;

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return ParseText(Gunzip(bytes));
        // "PK\x07\x08" first: a single-volume zip written with the spanning marker (Bio-Rad CFX Manager .rdml).
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08PK\x03\x04"u8))
            return ParseZip(bytes);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            throw new InstrumentFileException("The file is an Excel 97–2003 workbook (.xls), which Lims does not read; export the results as text or RDML.");
        if (bytes.Length > MaxContentBytes)
            throw new InstrumentFileException($"The file has {bytes.Length:N0} bytes of text; an instrument result file has at most {MaxContentBytes:N0} (export the results without raw data, or as an .eds or RDML).");

        return ParseText(bytes);
    }

    private static ParsedRun ParseText(byte[] bytes)
    {
        if (bytes.Length == 0) throw new InstrumentFileException("The file is empty.");
        // XML is read as a stream from the bytes; only the other formats need the whole text.
        var start = TextParsing.Decode(bytes.AsSpan(0, Math.Min(bytes.Length, 1024))).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith('<')) return RdmlParser.Parse(new MemoryStream(bytes, writable: false));

        var text = TextParsing.Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new InstrumentFileException($"The file is binary, not a result format Lims reads ({SupportedFormats}).");
        var lines = TextParsing.Lines(text);
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (first < 0) throw new InstrumentFileException("The file is empty.");
        var head = lines[first].TrimStart('\uFEFF', ' ', '\t');

        if (head.StartsWith("* ", StringComparison.Ordinal) || head.StartsWith('['))
            return QuantStudioParser.Parse(lines);
        if (head.StartsWith("Session Name", StringComparison.OrdinalIgnoreCase) || head.StartsWith("Well\tSample Name\tDetector", StringComparison.OrdinalIgnoreCase))
            return AbiSdsParser.Parse(lines, InstrumentFormat.Abi7500AnalysisResult);
        if (head.StartsWith("Experiment:", StringComparison.OrdinalIgnoreCase))
            return LightCycler480Parser.Parse(lines, first);

        var delimiter = DelimiterOf(head);
        var header = TextParsing.Split(head, delimiter);
        var hasWell = TextParsing.IndexOf(header, "Well") >= 0;
        var hasCq = TextParsing.IndexOf(header, "Cq", "Ct") >= 0;
        if (delimiter == '\t' && hasWell && hasCq && TextParsing.IndexOf(header, "Target") >= 0 && header.Any(h => int.TryParse(h, out _)))
            return RdesParser.Parse(lines, first);
        if (hasWell && hasCq && TextParsing.IndexOf(header, "Fluor") >= 0)
            return CfxCsvParser.Parse(lines, first, delimiter);
        if (hasWell && hasCq && TextParsing.IndexOf(header, "Target") >= 0)
            return PlainCsvParser.Parse(lines, first, delimiter);

        throw new InstrumentFileException($"The file is not a result format Lims reads ({SupportedFormats}).");
    }

    private static char DelimiterOf(string header)
    {
        var best = ',';
        var most = header.Count(c => c == ',');
        foreach (var candidate in (ReadOnlySpan<char>)['\t', ';'])
        {
            var count = header.Count(c => c == candidate);
            if (count > most) { most = count; best = candidate; }
        }
        return best;
    }

    private static ParsedRun ParseZip(byte[] bytes)
    {
        Unpacking.CheckEntryCount(bytes);
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entries = archive.Entries;
        var unpacking = new Unpacking("a zip archive");

        var eds = entries.FirstOrDefault(e => string.Equals(Normalise(e.FullName), EdsResultPath, StringComparison.OrdinalIgnoreCase));
        if (eds is not null)
        {
            var text = TextParsing.Decode(ReadEntry(unpacking, eds));
            return AbiSdsParser.Parse(TextParsing.Lines(text), InstrumentFormat.Abi7500Eds);
        }

        var rdml = entries.FirstOrDefault(e => string.Equals(Path.GetFileName(Normalise(e.FullName)), "rdml_data.xml", StringComparison.OrdinalIgnoreCase));
        if (rdml is not null) return ParseRdmlEntry(unpacking, rdml);

        // Some exporters (Bio-Rad CFX Manager) name the XML inside an .rdml zip after the run.
        foreach (var entry in entries.Where(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            if (LooksLikeRdml(unpacking, entry)) return ParseRdmlEntry(unpacking, entry);

        if (entries.Any(e => Normalise(e.FullName).StartsWith("xl/", StringComparison.OrdinalIgnoreCase)))
            throw new InstrumentFileException("The file is an Excel workbook (.xlsx), which Lims does not read; export the results as text or RDML.");
        if (entries.Any(e => Normalise(e.FullName).StartsWith("apldbio/", StringComparison.OrdinalIgnoreCase)))
            throw new InstrumentFileException($"The .eds file has no {EdsResultPath}; export the results from the instrument software as text.");
        throw new InstrumentFileException($"The zip archive holds neither an RDML rdml_data.xml nor an ABI .eds {EdsResultPath}.");
    }

    /// <summary>The RDML of a zip member, read as a stream as it unpacks.</summary>
    private static ParsedRun ParseRdmlEntry(Unpacking unpacking, ZipArchiveEntry entry)
    {
        unpacking.CheckDeclared(entry);
        using var stream = unpacking.Open(entry.Open(), entry.FullName, () => entry.CompressedLength);
        return RdmlParser.Parse(stream);
    }

    /// <summary>Whether the member's first 4 KB hold an &lt;rdml&gt; element; nothing more of it is unpacked.</summary>
    private static bool LooksLikeRdml(Unpacking unpacking, ZipArchiveEntry entry)
    {
        unpacking.CheckDeclared(entry);
        using var stream = unpacking.Open(entry.Open(), entry.FullName, () => entry.CompressedLength);
        var head = new byte[4096];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return TextParsing.Decode(head.AsSpan(0, length)).Contains("<rdml", StringComparison.Ordinal);
    }

    private static string Normalise(string entryName) => entryName.Replace('\\', '/').TrimStart('/');

    private static byte[] ReadEntry(Unpacking unpacking, ZipArchiveEntry entry)
    {
        unpacking.CheckDeclared(entry);
        return unpacking.ReadAll(entry.Open(), entry.FullName, () => entry.CompressedLength);
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        var packed = new MemoryStream(bytes, writable: false);
        var content = new Unpacking("gzip").ReadAll(new GZipStream(packed, CompressionMode.Decompress), "The file", () => packed.Position);
        return content.Length > 0 ? content : throw new InstrumentFileException("The gzip file is empty or truncated.");
    }

    private static byte[] ReadCapped(Stream stream, long cap, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > cap)
                throw new InstrumentFileException($"{what} is larger than {cap:N0} bytes; that is not an instrument result file.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    internal static string Describe(InstrumentFormat format) => format switch
    {
        InstrumentFormat.Rdml => "RDML",
        InstrumentFormat.Abi7500Eds => "ABI 7500 .eds",
        InstrumentFormat.Abi7500AnalysisResult => "ABI 7500 analysis_result.txt",
        InstrumentFormat.QuantStudioText => "QuantStudio text export",
        InstrumentFormat.BioRadCfxCsv => "Bio-Rad CFX Cq results",
        InstrumentFormat.LightCycler480Text => "LightCycler 480 Cp export",
        InstrumentFormat.RdesTable => "RDES table",
        InstrumentFormat.PlainCsv => "well,target,ct CSV",
    };
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Lims.Domain.Plates;

namespace Lims.Scenarios;

/// <summary>
/// Instrument files of our own for the typical China kit (ORF1ab, N and the internal control IC): the plain
/// <c>well,sample,target,ct</c> CSV with a planted result per well, and the request that uploads a file to its plate.
/// </summary>
public static class RunFiles
{
    /// <summary>The most tubes a 96-well plate takes beside the kit's two controls.</summary>
    public const int MaxTubes = 94;

    // ORF1ab, N, IC Ct values; null = no amplification.
    public static readonly double?[] Positive = [24.1, 25.3, 28.0];
    public static readonly double?[] Negative = [null, null, 27.5];
    public static readonly double?[] OneTarget = [30.2, null, 27.9];

    private static readonly string[] Targets = ["ORF1ab", "N", "IC"];

    /// <summary>
    /// Tube i in the i-th well of a 96-well plate filled column by column (A1, B1, …, H1, A2, …) with <paramref name="samples"/>[i],
    /// the negative control in G12 with <paramref name="ntc"/> and the positive control in H12 with <see cref="Positive"/>,
    /// as a plate of the kit is laid out. The plate barcode in every row makes each file unique.
    /// </summary>
    public static byte[] Csv(string plate, string[] tubes, double?[][] samples, double?[] ntc)
    {
        if (tubes.Length > MaxTubes) throw new ArgumentException($"A 96-well plate takes at most {MaxTubes} tubes beside its controls; {tubes.Length} given.", nameof(tubes));
        if (samples.Length < tubes.Length) throw new ArgumentException($"{tubes.Length} tubes need as many results; {samples.Length} given.", nameof(samples));
        var csv = new StringBuilder("well,sample,target,ct,plate\n");
        void Well(string well, string sample, double?[] cts)
        {
            foreach (var (target, ct) in Targets.Zip(cts))
                csv.Append(well).Append(',').Append(sample).Append(',').Append(target).Append(',')
                    .Append(ct is { } v ? v.ToString(CultureInfo.InvariantCulture) : "Undetermined").Append(',').Append(plate).Append('\n');
        }
        for (var i = 0; i < tubes.Length; i++) Well(WellPosition.Create((char)('A' + i % 8), i / 8 + 1).ToString(), tubes[i], samples[i]);
        Well("G12", "NTC", ntc);
        Well("H12", "PC", Positive);
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The upload of a run file to its plate: the raw body with the name in Content-Disposition, or a multipart form's <c>file</c>.</summary>
    public static HttpRequestMessage Upload(string plate, byte[] file, string name = "run.csv", bool multipart = false)
    {
        HttpContent content;
        if (multipart)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content = new MultipartFormDataContent { { part, "file", name } };
        }
        else
        {
            content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        }
        return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lab/plates/{plate}/run") { Content = content };
    }
}

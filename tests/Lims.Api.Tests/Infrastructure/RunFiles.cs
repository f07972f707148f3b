using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>Small instrument files of our own (plain well,sample,target,ct CSV for the typical China kit) and their upload.</summary>
public static class RunFiles
{
    // ORF1ab, N, IC Ct values; null = no amplification.
    public static readonly double?[] Positive = [24.1, 25.3, 28.0];
    public static readonly double?[] Negative = [null, null, 27.5];
    public static readonly double?[] OneTarget = [30.2, null, 27.9];

    /// <summary>Tubes in A1, B1, … (column-wise, as plates fill), NTC in G12 and PC in H12; the plate barcode in every row makes each file unique.</summary>
    public static byte[] Csv(string plate, string[] tubes, double?[][] samples, double?[] ntc)
    {
        var csv = new StringBuilder("well,sample,target,ct,plate\n");
        void Well(string well, string sample, double?[] cts)
        {
            foreach (var (target, ct) in new[] { "ORF1ab", "N", "IC" }.Zip(cts))
                csv.Append(well).Append(',').Append(sample).Append(',').Append(target).Append(',')
                    .Append(ct is { } v ? v.ToString(CultureInfo.InvariantCulture) : "Undetermined").Append(',').Append(plate).Append('\n');
        }
        for (var i = 0; i < tubes.Length; i++) Well($"{(char)('A' + i)}1", tubes[i], samples[i]);
        Well("G12", "NTC", ntc);
        Well("H12", "PC", Positive);
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

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

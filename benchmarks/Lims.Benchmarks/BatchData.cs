using System.Text;
using System.Text.Json;
using Lims.Scenarios;

namespace Lims.Benchmarks;

/// <summary>
/// Batch request bodies as a hospital sends them: pooled tubes with unique barcodes and valid,
/// unique resident ids (the people of <see cref="Population"/>). Written with <see cref="Utf8JsonWriter"/>
/// so that building many large bodies before a load run is quick.
/// </summary>
public static class BatchData
{
    public static readonly DateTimeOffset CollectedAt = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A short tag (letters only) that makes this run's barcodes unlike any earlier run's.</summary>
    public static string RunTag()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        var tag = new char[6];
        for (var i = 0; i < tag.Length; i++) tag[i] = letters[Random.Shared.Next(letters.Length)];
        return new string(tag);
    }

    /// <summary>
    /// The JSON body of batch <paramref name="batch"/>: <paramref name="tubes"/> pooled tubes of
    /// capacity max(10, people), each with <paramref name="people"/> people numbered from
    /// <paramref name="firstPerson"/> + batch × tubes × people.
    /// </summary>
    public static byte[] Body(string runTag, int batch, int tubes, int people, long firstPerson = 0)
    {
        var capacity = people <= 5 ? 5 : people <= 10 ? 10 : 20;
        using var buffer = new MemoryStream(tubes * (people * 110 + 200));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reference", $"bench {runTag} {batch}");
            json.WriteStartArray("tubes");
            var person = firstPerson + (long)batch * tubes * people;
            for (var t = 0; t < tubes; t++)
            {
                json.WriteStartObject();
                json.WriteString("barcode", $"{runTag}{batch:D5}{t:D5}");
                json.WriteString("kind", "pooled");
                json.WriteNumber("capacity", capacity);
                json.WriteString("collectedAt", CollectedAt);
                json.WriteString("site", "Collection site 7");
                json.WriteString("priority", "screening");
                json.WriteStartArray("members");
                for (var m = 0; m < people; m++, person++)
                {
                    json.WriteStartObject();
                    json.WriteString("idType", "cn-resident");
                    json.WriteString("idNumber", Population.ResidentId(person));
                    json.WriteString("name", Population.Name(person));
                    json.WriteString("phone", Population.Phone);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Describe(byte[] body) => $"{body.Length / 1024.0 / 1024.0:F2} MiB";

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}

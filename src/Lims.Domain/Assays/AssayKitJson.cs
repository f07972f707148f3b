using System.Text.Json;
using System.Text.Json.Serialization;
using Lims.Domain.Common;

namespace Lims.Domain.Assays;

/// <summary>
/// A kit definition as JSON (camelCase), so labs can add their own kits:
/// <code>
/// { "code": "my-kit", "name": "…", "version": "2", "layout": "multiplex",
///   "targets": [ { "name": "ORF1ab", "dye": "FAM", "role": "pathogen" }, { "name": "IC", "dye": "Cy5", "role": "internal-control" } ],
///   "ctCutoff": 40, "greyZone": { "from": 35, "to": 40 }, "requiredPositiveTargets": 1, "curveCheck": true,
///   "controls": [ { "role": "positive", "sampleNames": ["PC"], "pathogenTargets": "amplify", "internalControl": "any" } ],
///   "maxRetests": 2 }
/// </code>
/// Unknown properties are refused, so a misspelt rule never silently falls back to a default.
/// </summary>
public static class AssayKitJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads and validates a kit; a malformed or contradictory definition throws a <see cref="DomainException"/> coded <c>invalid-assay-kit</c>.</summary>
    public static AssayKit Parse(string json)
    {
        AssayKitDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<AssayKitDefinition>(json, Options);
        }
        catch (JsonException e)
        {
            var (field, message) = JsonErrors.Describe(e, typeof(AssayKitDefinition), Options);
            throw new DomainException(AssayKit.InvalidCode, $"The kit definition is not valid{(field.Length > 0 ? $" at {field}" : "")}: {message}");
        }
        return AssayKit.Create(definition ?? throw new DomainException(AssayKit.InvalidCode, "The kit definition is empty (null)."));
    }

    public static string Serialize(AssayKit kit)
    {
        ArgumentNullException.ThrowIfNull(kit);
        return JsonSerializer.Serialize(kit.ToDefinition(), Options);
    }
}

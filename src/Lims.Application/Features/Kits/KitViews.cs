using System.Text.Json;
using Lims.Domain.Assays;

namespace Lims.Application.Features.Kits;

/// <param name="Definition">The kit's normalised definition, as a JSON object (the document <c>POST /api/v1/lab/kits</c> takes).</param>
public sealed record KitView(string Code, string Version, string Name, bool BuiltIn, JsonElement Definition)
{
    public static KitView From(RegisteredKit k) => new(k.Code, k.Version, k.Name, false, Json(k.Definition));

    public static KitView BuiltInKit(AssayKit k) => new(k.Code, k.Version, k.Name, true, Json(AssayKitJson.Serialize(k)));

    private static JsonElement Json(string definition)
    {
        using var document = JsonDocument.Parse(definition);
        return document.RootElement.Clone();
    }
}

using Lims.Domain.Assays;

namespace Lims.Application.Features.Kits;

/// <param name="Definition">The kit's normalised JSON definition.</param>
public sealed record KitView(string Code, string Version, string Name, bool BuiltIn, string Definition)
{
    public static KitView From(RegisteredKit k) => new(k.Code, k.Version, k.Name, false, k.Definition);

    public static KitView BuiltInKit(AssayKit k) => new(k.Code, k.Version, k.Name, true, AssayKitJson.Serialize(k));
}

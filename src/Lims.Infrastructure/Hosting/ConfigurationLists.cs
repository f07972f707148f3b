using Microsoft.Extensions.Configuration;

namespace Lims.Infrastructure.Hosting;

/// <summary>Settings that are lists: given as one comma-separated value (an environment variable) or as an array (JSON).</summary>
public static class ConfigurationLists
{
    /// <summary>The section's entries, trimmed, without empty ones; none when it is not set.</summary>
    public static string[] Values(this IConfigurationSection section) =>
        section.Value is { } text
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [.. section.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0)];
}

namespace Lims.Api.Hosting;

/// <summary>Where the API host finds its own files.</summary>
public static class ApiHost
{
    /// <summary>
    /// The folder the API was installed in (beside <c>Lims.Api.dll</c>, where its <c>appsettings.json</c> is), unless
    /// <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> name another: the framework's
    /// default, the current directory, would make an API started from another folder run without its settings.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return named ? null : AppContext.BaseDirectory;
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lims.Api.Tests;

/// <summary>The API started as an installed program, from another folder: it finds its own appsettings.json.</summary>
public sealed partial class ContentRootTests
{
    [Fact]
    public async Task The_api_started_from_another_folder_reads_its_own_settings()
    {
        // The API as built beside this test (the same Configuration), started with `dotnet Lims.Api.dll` from a temporary folder.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lims.sln"))) root = root.Parent;
        var installed = Path.Combine(root!.FullName, "src", "Lims.Api", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(installed, "appsettings.json")), installed);
        var elsewhere = Directory.CreateTempSubdirectory("lims-elsewhere-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(installed, "Lims.Api.dll")])
        {
            WorkingDirectory = elsewhere.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Lims__DataDirectory"] = Path.Combine(elsewhere.FullName, "data");
        start.Environment["Lims__SeedDemo"] = "false";
        start.Environment["Lims__Jobs__RunServer"] = "false";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tubes/TB00000001")).StatusCode);
            await Task.Delay(500);

            string log;
            lock (output) log = output.ToString();
            Assert.Contains($"Content root path: {installed}", log, StringComparison.Ordinal);
            // appsettings.json keeps EF Core's statements below Information; without it every one is logged.
            Assert.DoesNotContain("Executed DbCommand", log, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { elsewhere.Delete(recursive: true); } catch (IOException) { }
        }
    }

    [GeneratedRegex(@"Lims is listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

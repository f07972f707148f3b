using System.Text.RegularExpressions;

namespace Lims.Application.Tests;

/// <summary>The shape the application keeps (ARCHITECTURE.md, STYLE.md), checked on the sources so it cannot drift back unnoticed.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Features = Path.Combine(RepositoryRoot(), "src", "Lims.Application", "Features");

    [Fact]
    public void Every_file_under_Features_declares_at_most_one_command_or_query()
    {
        var files = Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 50, $"only {files.Count} feature files found under {Features}");
        var crowded = files
            .Select(f => (File: Path.GetRelativePath(Features, f), Messages: Message().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value).ToList()))
            .Where(f => f.Messages.Count > 1)
            .Select(f => $"{f.File}: {string.Join(", ", f.Messages)}")
            .ToList();
        Assert.True(crowded.Count == 0, "Files declaring more than one use case:\n" + string.Join("\n", crowded));
    }

    [Fact]
    public void A_use_case_file_is_named_after_its_command_or_query()
    {
        var misnamed = Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Message: Message().Match(File.ReadAllText(f))))
            .Where(f => f.Message.Success && f.Message.Groups["name"].Value != f.Name)
            .Select(f => $"{f.Name}.cs declares {f.Message.Groups["name"].Value}")
            .ToList();
        Assert.True(misnamed.Count == 0, string.Join("\n", misnamed));
    }

    [Fact]
    public void Endpoints_build_no_404_of_their_own()
    {
        var endpoints = Path.Combine(RepositoryRoot(), "src", "Lims.Api", "Endpoints");
        // The public look-up answers "no match" on its hot path without an exception: its 404 is its answer, not an error.
        var handBuilt = Directory.EnumerateFiles(endpoints, "*.cs")
            .Where(f => Path.GetFileName(f) != "LookupEndpoints.cs" && File.ReadAllText(f).Contains("statusCode: 404", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(handBuilt);
    }

    [Fact]
    public void Handlers_open_no_transactions_of_their_own()
    {
        var opened = Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Features, f))
            .ToList();
        Assert.Empty(opened);
    }

    // A record that is a Mediator command or query: "record X(...) : ICommand<T>", "record X : IQuery<T>", ": ICommand, ...".
    [GeneratedRegex(@"record\s+(?<name>\w+)\b[^;{]*?:\s*(?:[\w.<>, ]+,\s*)?I(?:Command|Query)\b", RegexOptions.Singleline)]
    private static partial Regex Message();

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Lims.sln"))) return directory.FullName;
        throw new InvalidOperationException("The tests run outside the repository: Lims.sln not found above " + AppContext.BaseDirectory);
    }
}

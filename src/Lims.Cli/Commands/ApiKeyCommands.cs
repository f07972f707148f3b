using System.CommandLine;
using Lims.Application.Features.Submitters;

namespace Lims.Cli.Commands;

/// <summary><c>lims apikey create</c>: API keys of submitters and lab stations.</summary>
public static class ApiKeyCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var submitter = new Option<string>("--submitter") { Description = "The submitter's code." };
        var station = new Option<string>("--station") { Description = "A lab bench station's name (scanner, instrument PC): a key for the lab endpoints." };
        var create = new Command("create", "Issue an API key for a submitter or a lab station. The key is printed once and stored only as a hash.") { submitter, station };
        create.Validators.Add(result =>
        {
            if ((result.GetValue(submitter) is null) == (result.GetValue(station) is null)) result.AddError("Give either --submitter or --station.");
        });
        create.SetAction(async (parse, ct) =>
        {
            var issued = parse.GetValue(station) is { } name
                ? await sender.SendAsync(new CreateStationApiKey(name), ct)
                : await sender.SendAsync(new CreateApiKey(parse.GetValue(submitter)!), ct);
            await stdout.WriteLineAsync($"API key for {issued.SubmitterCode} (shown once, keep it safe):");
            await stdout.WriteLineAsync(issued.Key);
            return 0;
        });
        return new Command("apikey", "API keys of submitters.") { create };
    }
}

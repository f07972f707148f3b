using System.CommandLine;
using Lims.Application.Features.Submitters;

namespace Lims.Cli.Commands;

/// <summary><c>lims apikey create|list|revoke</c>: API keys of submitters and lab stations.</summary>
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
            await stdout.WriteLineAsync($"API key {issued.Id} for {issued.SubmitterCode} (shown once, keep it safe):");
            await stdout.WriteLineAsync(issued.Key);
            return 0;
        });

        var ofSubmitter = new Option<string>("--submitter") { Description = "Only this submitter's keys." };
        var ofStation = new Option<string>("--station") { Description = "Only this lab station's keys." };
        var list = new Command("list", "List the API keys, newest first: id, whose, the key's first characters, when issued and revoked (never the key).") { ofSubmitter, ofStation };
        list.SetAction(async (parse, ct) =>
        {
            foreach (var key in await sender.SendAsync(new ListApiKeys(parse.GetValue(ofSubmitter), parse.GetValue(ofStation)), ct))
                await stdout.WriteLineAsync($"{key.Id} {key.Role,-11} {key.Submitter ?? key.Station,-32} {key.Prefix}… {key.CreatedAt:u} "
                    + (key.RevokedAt is { } revoked ? $"revoked {revoked:u}" : "active"));
            return 0;
        });

        var id = new Argument<Guid>("id") { Description = "The key's id (from `lims apikey list`)." };
        var revoke = new Command("revoke", "Revoke an API key: it is refused from the next request on.") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            var key = await sender.SendAsync(new RevokeApiKey(parse.GetValue(id)), ct);
            await stdout.WriteLineAsync($"API key {key.Id} ({key.Prefix}…, {key.Submitter ?? key.Station}) revoked {key.RevokedAt:u}.");
            return 0;
        });
        return new Command("apikey", "API keys of submitters and lab stations.") { create, list, revoke };
    }
}

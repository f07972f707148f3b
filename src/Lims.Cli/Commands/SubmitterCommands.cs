using System.CommandLine;
using Lims.Application.Features.Submitters;
using Lims.Domain.Common;
using Lims.Domain.Submitters;

namespace Lims.Cli.Commands;

/// <summary><c>lims submitter create</c>: hospitals and collection sites.</summary>
public static class SubmitterCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var code = new Option<string>("--code") { Description = "Short unique code, e.g. city-hospital-3.", Required = true };
        var name = new Option<string>("--name") { Description = "The organisation's name.", Required = true };
        var kind = new Option<string>("--kind") { Description = $"{Wire.OneOf<SubmitterKind>()}.", DefaultValueFactory = _ => SubmitterKind.Hospital.ToWire() };
        kind.AcceptOnlyFromAmong([.. Wire.All<SubmitterKind>()]);
        var create = new Command("create", "Add a hospital or collection site that may submit batches.") { code, name, kind };
        create.SetAction(async (parse, ct) =>
        {
            var submitterKind = Wire.Parse<SubmitterKind>(parse.GetValue(kind))!.Value;
            var created = await sender.SendAsync(new CreateSubmitter(parse.GetValue(code)!, parse.GetValue(name)!, submitterKind), ct);
            await stdout.WriteLineAsync($"Submitter {created.Code} created ({created.Name}, {created.Kind}).");
            return 0;
        });
        return new Command("submitter", "Hospitals and collection sites.") { create };
    }
}

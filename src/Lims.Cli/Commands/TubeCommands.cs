using System.CommandLine;
using Lims.Application.Features.Receiving;

namespace Lims.Cli.Commands;

/// <summary><c>lims tube reject</c>: tubes at the bench.</summary>
public static class TubeCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var tube = new Argument<string>("tube") { Description = "The tube barcode." };
        var reason = new Option<string>("--reason") { Description = "leaking, unlabelled, over-capacity, wrong-container, unknown or other.", Required = true };
        var note = new Option<string>("--note") { Description = "What happened (required for 'other')." };
        var reject = new Command("reject", "Reject a tube at receipt.") { tube, reason, note };
        reject.SetAction(async (parse, ct) =>
        {
            var rejected = await sender.SendAsync(new RejectTube(parse.GetValue(tube)!, parse.GetValue(reason)!, parse.GetValue(note), LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Tube {rejected.Tube} rejected ({rejected.Reason}).");
            return 0;
        });
        return new Command("tube", "Tubes at the bench.") { reject };
    }
}

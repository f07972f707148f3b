using System.CommandLine;
using Lims.Application.Features.Inactivation;
using Lims.Domain.Common;
using Lims.Domain.Inactivation;

namespace Lims.Cli.Commands;

/// <summary><c>lims inactivation start|complete</c>: inactivation batches.</summary>
public static class InactivationCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var code = new Argument<string>("code") { Description = "The batch code (rack or run barcode)." };
        var method = new Option<string>("--method") { Description = "heat (56 °C, 30 min) or chemical.", DefaultValueFactory = _ => InactivationMethod.Heat.ToWire() };
        method.AcceptOnlyFromAmong([.. Wire.All<InactivationMethod>()]);
        var equipment = new Option<string>("--equipment") { Description = "The heat block, bath or cabinet.", Required = true };
        var tubes = new Argument<string[]>("tubes") { Description = "Received tube barcodes.", Arity = ArgumentArity.OneOrMore };
        var start = new Command("start", "Start an inactivation batch with received tubes.") { code, method, equipment, tubes };
        start.SetAction(async (parse, ct) =>
        {
            var batch = await sender.SendAsync(new StartInactivation(parse.GetValue(code)!, parse.GetValue(method)!, parse.GetValue(equipment)!, null, parse.GetValue(tubes)!, LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Inactivation batch {batch.Code} started at {batch.StartedAt:u}: {batch.Tubes.Count} tubes, {batch.Method}, {batch.RequiredMinutes} min.");
            return 0;
        });
        var completeCode = new Argument<string>("code") { Description = "The batch code." };
        var reason = new Option<string>("--override") { Description = "Why a run shorter than its method requires is accepted." };
        var complete = new Command("complete", "End the run and inactivate the batch's tubes.") { completeCode, reason };
        complete.SetAction(async (parse, ct) =>
        {
            var batch = await sender.SendAsync(new CompleteInactivation(parse.GetValue(completeCode)!, parse.GetValue(reason), LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Inactivation batch {batch.Code} completed at {batch.EndedAt:u}: {batch.Tubes.Count} tubes inactivated.");
            return 0;
        });
        return new Command("inactivation", "Inactivation batches.") { start, complete };
    }
}

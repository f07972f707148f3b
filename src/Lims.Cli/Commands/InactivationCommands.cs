using System.CommandLine;
using Lims.Application.Features.Inactivation;
using Lims.Domain.Common;
using Lims.Domain.Inactivation;

namespace Lims.Cli.Commands;

/// <summary><c>lims inactivation start|complete</c>: inactivation batches.</summary>
public static class InactivationCommands
{
    /// <param name="stdin">Where the password of <c>complete --signed-by</c> is read from (its first line).</param>
    public static Command Create(TextWriter stdout, TextReader stdin, CliSender sender)
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
        var reason = new Option<string>("--override") { Description = "Why a run shorter than its method requires is accepted; signed with --signed-by." };
        var signedBy = new Option<string>("--signed-by")
        {
            Description = "The senior reviewer who signs the override (not who started the batch); their password is read from the first line of standard input.",
        };
        var complete = new Command("complete", "End the run and inactivate the batch's tubes.") { completeCode, reason, signedBy };
        complete.Validators.Add(result =>
        {
            if ((result.GetValue(reason) is null) != (result.GetValue(signedBy) is null)) result.AddError("--override and --signed-by go together.");
        });
        complete.SetAction(async (parse, ct) =>
        {
            var signer = parse.GetValue(signedBy);
            // From standard input, never the command line: arguments are visible to every user of the machine.
            var password = signer is null ? null : await stdin.ReadLineAsync(ct) ?? "";
            var batch = await sender.SendAsync(new CompleteInactivation(parse.GetValue(completeCode)!, parse.GetValue(reason), LimsCli.Actor, signer, password), ct);
            await stdout.WriteLineAsync($"Inactivation batch {batch.Code} completed at {batch.EndedAt:u}: {batch.Tubes.Count} tubes inactivated"
                + (batch.OverrideSignature is { } s ? $"; short run signed off by {s.User} ({s.Role}): {batch.OverrideReason}." : "."));
            return 0;
        });
        return new Command("inactivation", "Inactivation batches.") { start, complete };
    }
}

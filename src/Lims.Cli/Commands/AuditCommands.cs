using System.CommandLine;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Audit;
using Lims.Domain.Audit;

namespace Lims.Cli.Commands;

/// <summary><c>lims audit verify|head|show</c>: the tamper-evident audit trail.</summary>
public static class AuditCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CliSender sender)
    {
        var recorded = new Option<string>("--head") { Description = "A head recorded earlier with `lims audit head` (SEQ:HASH): the chain must still reach it unchanged." };
        var verify = new Command("verify", $"Walk the audit chain in order and name the first broken link (exit {LimsCli.ChainBroken}).") { recorded };
        verify.SetAction(async (parse, ct) =>
        {
            var head = parse.GetValue(recorded);
            var result = await sender.SendAsync(new VerifyAuditChain(head), ct);
            if (result.Break is { } broken)
            {
                await stderr.WriteLineAsync($"lims: {broken.Describe()}; {result.Events:N0} events before it are intact.");
                return LimsCli.ChainBroken;
            }
            // The query validated the head: it parses.
            await stdout.WriteLineAsync($"{result.Events} events, chain intact (head {result.HeadHash})"
                + (AuditHead.TryParse(head, out var kept) ? $", recorded head {kept.Seq} unchanged" : ""));
            return 0;
        });

        var headJson = new Option<bool>("--json") { Description = "Print the head as JSON: { \"seq\", \"hash\" }." };
        var current = new Command("head", "Print the chain head as SEQ:HASH, to keep somewhere else and give to `lims audit verify --head` later.") { headJson };
        current.SetAction(async (parse, ct) =>
        {
            var head = await sender.SendAsync(new GetAuditHead(), ct);
            await stdout.WriteLineAsync(parse.GetValue(headJson) ? JsonSerializer.Serialize(new { seq = head.Seq, hash = head.Hash }) : head.ToString());
            return 0;
        });

        var entity = new Option<string>("--entity") { Description = "TYPE:ID, e.g. tube:TB00000001, box:B0001, plate:P0001, registered-kit:my-kit@1, submission:<id>.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the events as JSON." };
        var show = new Command("show", "The audit events of one entity, oldest first.") { entity, json };
        show.SetAction(async (parse, ct) =>
        {
            var named = parse.GetValue(entity)!;
            var colon = named.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == named.Length - 1)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["entity"] = ["Name the entity as TYPE:ID, e.g. tube:TB00000001."] });
            var events = new List<AuditEventView>();
            for (long after = 0; ;)
            {
                var page = await sender.SendAsync(new ListAuditEvents(after, named[..colon], named[(colon + 1)..], ListAuditEvents.MaxLimit), ct);
                events.AddRange(page.Events);
                if (page.Next is not { } next) break;
                after = next;
            }
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(events, JsonSerializerOptions.Web));
                return 0;
            }
            foreach (var e in events)
                await stdout.WriteLineAsync($"{e.Seq}\t{e.At:yyyy-MM-dd HH:mm:ss.fff}Z\t{e.Actor}\t{e.Action}\t{e.Before?.GetRawText() ?? "-"} -> {e.After?.GetRawText() ?? "-"}\t{e.Reason ?? "-"}");
            return 0;
        });
        return new Command("audit", "The tamper-evident audit trail.") { verify, current, show };
    }
}

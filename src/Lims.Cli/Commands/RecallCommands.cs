using System.CommandLine;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;

namespace Lims.Cli.Commands;

/// <summary><c>lims recall list|show</c>: recall cases of positive pools.</summary>
public static class RecallCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var status = new Option<string?>("--status") { Description = "open, overdue, closed or withdrawn (default: all)." };
        var listJson = new Option<bool>("--json") { Description = "Print the cases as JSON." };
        var list = new Command("list", "Recall cases of positive pools, open ones first by deadline.") { status, listJson };
        list.SetAction(async (parse, ct) =>
        {
            var cases = await sender.SendAsync(new ListRecallCases(null, parse.GetValue(status)), ct);
            if (parse.GetValue(listJson))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(cases, JsonSerializerOptions.Web));
                return 0;
            }
            foreach (var c in cases)
                await stdout.WriteLineAsync($"{c.Id}\t{c.Pool}\t{c.Status}{(c.OverdueSince is null ? "" : " (overdue)")}{(c.VisibleAt is null ? " (not shown yet: call awaiting approval)" : "")}\tdue {c.DueAt:u}\t{c.Outstanding} of {c.Members.Count} outstanding");
            return 0;
        });
        var id = new Argument<Guid>("id") { Description = "The recall case id." };
        var show = new Command("show", "One recall case: each member (masked), the tube ordered for them, the result once known.") { id };
        show.SetAction(async (parse, ct) =>
        {
            var c = await sender.SendAsync(new GetRecallCase(parse.GetValue(id), null), ct);
            await stdout.WriteLineAsync($"Recall of pool {c.Pool} ({c.Site}): {c.Status}{(c.VisibleAt is null ? " (not shown to the submitter yet: call awaiting approval)" : "")}, due {c.DueAt:u}, {c.Outstanding} of {c.Members.Count} outstanding.");
            foreach (var m in c.Members)
                await stdout.WriteLineAsync($"{m.Position}\t{m.IdNumber}\t{m.OrderBarcode}\t{m.Result ?? "-"}");
            return 0;
        });
        return new Command("recall", "Recall cases of positive pools.") { list, show };
    }
}

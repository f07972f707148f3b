using System.CommandLine;
using Lims.Application.Abstractions;
using Lims.Application.Features.Kits;

namespace Lims.Cli.Commands;

/// <summary><c>lims kit add|list</c>: assay kits.</summary>
public static class KitCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var file = new Argument<FileInfo>("file") { Description = "The kit's JSON definition." };
        var add = new Command("add", "Add a lab's own assay kit; a changed kit needs a new version.") { file };
        add.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw NotFoundException.Of("file", path.FullName);
            var kit = await sender.SendAsync(new RegisterKit(await File.ReadAllTextAsync(path.FullName, ct), LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Kit {kit.Code} version {kit.Version} ({kit.Name}) is available.");
            return 0;
        });
        var list = new Command("list", "List the built-in kits and every version of the lab's own.");
        list.SetAction(async (_, ct) =>
        {
            foreach (var kit in await sender.SendAsync(new ListKits(), ct))
                await stdout.WriteLineAsync($"{kit.Code}\t{kit.Version}\t{(kit.BuiltIn ? "built-in" : "lab")}\t{kit.Name}");
            return 0;
        });
        return new Command("kit", "Assay kits.") { add, list };
    }
}

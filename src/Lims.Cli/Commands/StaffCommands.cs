using System.CommandLine;
using Lims.Application.Features.Staff;
using Lims.Domain.Staff;

namespace Lims.Cli.Commands;

/// <summary><c>lims user create|list</c>: staff accounts.</summary>
public static class StaffCommands
{
    public static Command Create(
        TextWriter stdout,
        Func<CreateStaffUser, CancellationToken, Task<CreatedStaffUser>> create,
        Func<ListStaffUsers, CancellationToken, Task<IReadOnlyList<StaffUserView>>> list)
    {
        var name = new Option<string>("--name") { Description = "The user name (letters, digits, '.', '-', '_').", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {StaffRoles.Wires}.", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name screens and signatures show (default: the user name)." };
        var password = new Option<string?>("--password") { Description = "At least 10 characters; generated and printed once when left out." };
        var createCommand = new Command("create", "Create a staff account (technician, reviewer, senior-reviewer, admin).") { name, role, display, password };
        createCommand.SetAction(async (parse, ct) =>
        {
            var created = await create(new CreateStaffUser(parse.GetValue(name)!, parse.GetValue(display), parse.GetValue(role)!, parse.GetValue(password),
                "cli:" + Environment.UserName), ct);
            await stdout.WriteLineAsync($"Created {created.User.Role} '{created.User.UserName}'.");
            if (parse.GetValue(password) is null) await stdout.WriteLineAsync($"Password (shown once): {created.Password}");
            return 0;
        });

        var listCommand = new Command("list", "List the staff accounts.");
        listCommand.SetAction(async (_, ct) =>
        {
            foreach (var user in await list(new ListStaffUsers(), ct))
                await stdout.WriteLineAsync($"{user.UserName,-24} {user.Role,-16} {(user.LockedOut ? "locked" : "active"),-7} {user.DisplayName}");
            return 0;
        });
        return new Command("user", "Staff accounts.") { createCommand, listCommand };
    }
}

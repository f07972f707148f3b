using System.CommandLine;
using Lims.Application.Features.Staff;
using Lims.Domain.Staff;

namespace Lims.Cli.Commands;

/// <summary><c>lims user create|list|disable|enable|role|password</c>: staff accounts.</summary>
public static class StaffCommands
{
    public static Command Create(TextWriter stdout, CliSender sender)
    {
        var passwordRule = $"At least {PasswordPolicy.MinLength} characters, not one character repeated, not a common password";

        var name = new Option<string>("--name") { Description = "The user name (letters, digits, '.', '-', '_').", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {StaffRoles.Wires}.", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name screens and signatures show (default: the user name)." };
        var password = new Option<string?>("--password") { Description = $"{passwordRule}; generated and printed once when left out." };
        var createCommand = new Command("create", "Create a staff account (technician, reviewer, senior-reviewer, admin).") { name, role, display, password };
        createCommand.SetAction(async (parse, ct) =>
        {
            var created = await sender.SendAsync(new CreateStaffUser(parse.GetValue(name)!, parse.GetValue(display), parse.GetValue(role)!, parse.GetValue(password),
                LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"Created {created.User.Role} '{created.User.UserName}'.");
            if (parse.GetValue(password) is null) await stdout.WriteLineAsync($"Password (shown once): {created.Password}");
            return 0;
        });

        var listCommand = new Command("list", "List the staff accounts: role, active or disabled, and the addresses each is locked for after failed sign-ins.");
        listCommand.SetAction(async (_, ct) =>
        {
            foreach (var user in await sender.SendAsync(new ListStaffUsers(), ct))
                await stdout.WriteLineAsync($"{user.UserName,-24} {user.Role,-16} {(user.Disabled ? "disabled" : "active"),-8} {user.DisplayName}"
                    + (user.LockedFrom.Count > 0 ? $" (locked from {string.Join(", ", user.LockedFrom)})" : ""));
            return 0;
        });

        var account = new Argument<string>("name") { Description = "The user name." };
        var disableCommand = new Command("disable", "Disable an account: it signs in no more, and its tokens are refused at once.") { account };
        disableCommand.SetAction(async (parse, ct) => await WriteAsync(stdout, await sender.SendAsync(new DisableStaffUser(parse.GetValue(account)!, LimsCli.Actor), ct)));
        var enableCommand = new Command("enable", "Enable a disabled account again.") { account };
        enableCommand.SetAction(async (parse, ct) => await WriteAsync(stdout, await sender.SendAsync(new EnableStaffUser(parse.GetValue(account)!, LimsCli.Actor), ct)));

        var newRole = new Option<string>("--role") { Description = $"One of {StaffRoles.Wires}.", Required = true };
        var roleCommand = new Command("role", "Give an account another role (its tokens are refused from then on: the user signs in again).") { account, newRole };
        roleCommand.SetAction(async (parse, ct) =>
            await WriteAsync(stdout, await sender.SendAsync(new ChangeStaffRole(parse.GetValue(account)!, parse.GetValue(newRole)!, LimsCli.Actor), ct)));

        var newPassword = new Option<string?>("--password") { Description = $"{passwordRule}; generated and printed once when left out." };
        var passwordCommand = new Command("password", "Set a new password for an account (its tokens and locks end).") { account, newPassword };
        passwordCommand.SetAction(async (parse, ct) =>
        {
            var reset = await sender.SendAsync(new ResetStaffPassword(parse.GetValue(account)!, parse.GetValue(newPassword), LimsCli.Actor), ct);
            await stdout.WriteLineAsync($"New password set for '{reset.User.UserName}'.");
            if (parse.GetValue(newPassword) is null) await stdout.WriteLineAsync($"Password (shown once): {reset.Password}");
            return 0;
        });

        return new Command("user", "Staff accounts.") { createCommand, listCommand, disableCommand, enableCommand, roleCommand, passwordCommand };
    }

    private static async Task<int> WriteAsync(TextWriter stdout, StaffUserView user)
    {
        await stdout.WriteLineAsync($"{user.UserName}: {user.Role}, {(user.Disabled ? "disabled" : "active")}.");
        return 0;
    }
}

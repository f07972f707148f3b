using System.Security.Cryptography;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Staff;
using Lims.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Security;

/// <summary>Staff accounts on ASP.NET Core Identity's <see cref="UserManager{TUser}"/>: its password hasher and lockout.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, LimsDbContext db, TimeProvider time, IAuditTrail audit) : IStaffAccounts
{
    public const int MinPasswordLength = 10;

    public async Task<(StaffUser User, string Password)> CreateAsync(
        string userName, string? displayName, StaffRole role, string? password, string by, CancellationToken ct)
    {
        var user = StaffUser.Create(userName, displayName, role, time.GetUtcNow(), by);
        if (await users.FindByNameAsync(user.UserName) is not null)
            throw new ConflictException("user-exists", $"A user named '{user.UserName}' already exists.");
        password ??= GeneratePassword();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
                throw new ConflictException("user-exists", $"A user named '{user.UserName}' already exists.");
            throw new RequestValidationException(new Dictionary<string, string[]> { ["password"] = [.. result.Errors.Select(e => e.Description)] });
        }
        return (user, password);
    }

    public Task<StaffUser> SignInAsync(string userName, string password, CancellationToken ct) =>
        CheckAsync(userName, password, "The user name or password is wrong.", "signed-in", ct);

    public async Task<StaffUser> SignAsync(string userName, string password, CancellationToken ct)
    {
        try
        {
            return await CheckAsync(userName, password, "The signature was refused: the password is wrong.", "signed", ct);
        }
        catch (SignInRefusedException e)
        {
            throw new ForbiddenException(e.Code == "locked-out" ? "locked-out" : "signature-refused", e.Message);
        }
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken ct) =>
        await db.StaffUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);

    /// <summary>Checks the password and writes the sign-in or signature to the audit trail, refused ones too (in their own transaction).</summary>
    private async Task<StaffUser> CheckAsync(string userName, string password, string wrong, string action, CancellationToken ct)
    {
        var name = (userName ?? "").Trim();
        try
        {
            var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
            if (user is null) throw new SignInRefusedException("wrong-credentials", wrong);
            if (await users.IsLockedOutAsync(user))
                throw new SignInRefusedException("locked-out", $"The account '{user.UserName}' is locked after repeated failures until {user.LockoutEnd:u}.");
            if (!await users.CheckPasswordAsync(user, password ?? ""))
            {
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                    throw new SignInRefusedException("locked-out", $"The account '{user.UserName}' is now locked after repeated failures until {user.LockoutEnd:u}.");
                throw new SignInRefusedException("wrong-credentials", wrong);
            }
            if (user.AccessFailedCount > 0) await users.ResetAccessFailedCountAsync(user);
            await audit.AppendNowAsync(action, "staff-user", user.UserName, after: new { role = user.Role.ToWire() }, cancellationToken: ct);
            return user;
        }
        catch (SignInRefusedException e)
        {
            await audit.AppendNowAsync(action + "-refused", "staff-user", name.Length == 0 ? "(none)" : name.Length > StaffUser.MaxUserNameLength ? name[..StaffUser.MaxUserNameLength] : name,
                reason: e.Code, cancellationToken: ct);
            throw;
        }
    }

    /// <summary>16 characters from an unambiguous alphabet (no 0/O, 1/l/I): ~90 bits.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }
}

/// <summary>The Identity store over the <c>staff_users</c> table: passwords, security stamps and lockout.</summary>
public sealed class StaffUserStore(LimsDbContext db) :
    IUserPasswordStore<StaffUser>, IUserSecurityStampStore<StaffUser>, IUserLockoutStore<StaffUser>
{
    public async Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken ct)
    {
        db.StaffUsers.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken ct) =>
        throw new NotSupportedException("Staff accounts are never deleted: their signatures stay attributable.");

    public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken ct) =>
        Guid.TryParse(userId, out var id) ? db.StaffUsers.FirstOrDefaultAsync(u => u.Id == new StaffUserId(id), ct) : Task.FromResult<StaffUser?>(null);

    public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        db.StaffUsers.FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, ct);

    public Task<string> GetUserIdAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken ct) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken ct) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(StaffUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(StaffUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(StaffUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(StaffUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(StaffUser user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public void Dispose() { }
}

using System.Security.Claims;
using Lims.Api.Auth;
using Lims.Api.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>Staff sign-in and sign-out, a user's own password, and the admin's accounts and API keys.</summary>
public static class StaffEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Role, string? Password);
    public sealed record RoleRequest(string? Role);
    public sealed record PasswordRequest(string? Password);
    public sealed record OwnPasswordRequest(string? CurrentPassword, string? NewPassword);

    /// <summary>Who is signed in: the user, the actor as histories show it, the roles.</summary>
    public sealed record SignedInView(string User, string Actor, IReadOnlyList<string> Roles);

    public static void MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Staff sign-in");
        auth.MapPost("/login", SignIn).AllowAnonymous().RequireRateLimiting(StaffAuthentication.SignInRateLimit).Produces<AccessTokenResponse>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests)
            .WithSummary("Sign in with a user name and password: a bearer token for 'Authorization: Bearer'.");
        auth.MapPost("/logout", SignOut).RequireAuthorization(StaffAuthentication.StaffPolicy)
            .WithSummary("Sign out: every token of the account, this one too, is refused from now on.");
        auth.MapPost("/password", ChangePassword).RequireAuthorization(StaffAuthentication.StaffPolicy).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden)
            .WithSummary("Change your own password, signed with the current one; sign in again afterwards.");
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new SignedInView(user.Identity!.Name!, user.Actor(), [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)])))
            .RequireAuthorization();

        var users = app.MapGroup("/api/v1/staff/users").WithTags("Staff accounts").RequireAuthorization(StaffAuthentication.AdminPolicy);
        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListStaffUsers(), ct)));
        users.MapPost("/", async (CreateUserRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var created = await sender.Send(new CreateStaffUser(body.UserName ?? "", body.DisplayName, body.Role ?? "", body.Password, user.Actor()), ct);
            return TypedResults.Created($"/api/v1/staff/users/{created.User.UserName}", created);
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        users.MapPost("/{userName}/disable", async (string userName, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DisableStaffUser(userName, user.Actor()), ct))).Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithSummary("Disable the account: it signs in no more and its tokens are refused at once.");
        users.MapPost("/{userName}/enable", async (string userName, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new EnableStaffUser(userName, user.Actor()), ct))).Problems(StatusCodes.Status404NotFound)
            .WithSummary("Enable a disabled account again.");
        users.MapPut("/{userName}/role", async (string userName, RoleRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangeStaffRole(userName, body.Role ?? "", user.Actor()), ct))).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithSummary("Give the account another role; its tokens are refused from now on.");
        users.MapPost("/{userName}/password", async (string userName, PasswordRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ResetStaffPassword(userName, body?.Password, user.Actor()), ct))).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithSummary("Set a new password (generated when none is given, shown once); the account's tokens and locks end.");

        var keys = app.MapGroup("/api/v1/staff/api-keys").WithTags("API keys").RequireAuthorization(StaffAuthentication.AdminPolicy);
        keys.MapGet("/", async (string? submitter, string? station, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeys(submitter, station), ct)))
            .WithSummary("The API keys, newest first (?submitter=CODE or ?station=NAME): never the key itself.");
        keys.MapPost("/{id}/revoke", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevokeApiKey(id), ct))).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("Revoke the key: it is refused from the next request on.");
    }

    /// <summary>Answers a bearer token (<c>{ tokenType, accessToken, expiresIn }</c>) for <c>Authorization: Bearer</c>; never cached.</summary>
    private static async Task<Ok<StaffAccessToken>> SignIn(SignInRequest body, HttpContext http, StaffTokens tokens, ISender sender, CancellationToken ct)
    {
        var user = await sender.Send(new SignInStaff(body.UserName ?? "", body.Password ?? ""), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(tokens.Issue(user));
    }

    private static async Task<NoContent> SignOut(ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SignOutStaff(user.Identity!.Name!), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ChangePassword(OwnPasswordRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        await sender.Send(new ChangeOwnPassword(user.Identity!.Name!, body.CurrentPassword ?? "", body.NewPassword ?? ""), ct);
        return TypedResults.NoContent();
    }
}

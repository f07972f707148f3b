using Lims.Api.Auth;
using Lims.Application.Features.Staff;
using Mediator;

namespace Lims.Api.Endpoints;

public static class StaffEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Role, string? Password);

    public static void MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Staff sign-in");
        auth.MapPost("/login", SignIn).AllowAnonymous();
        auth.MapGet("/me", (System.Security.Claims.ClaimsPrincipal user) => Results.Ok(new { user = user.Identity!.Name, actor = user.Actor(), roles = user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value) }))
            .RequireAuthorization();

        var users = app.MapGroup("/api/v1/staff/users").WithTags("Staff accounts").RequireAuthorization(StaffAuthentication.AdminPolicy);
        users.MapGet("/", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new ListStaffUsers(), ct)));
        users.MapPost("/", async (CreateUserRequest body, System.Security.Claims.ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var created = await sender.Send(new CreateStaffUser(body.UserName ?? "", body.DisplayName, body.Role ?? "", body.Password, user.Actor()), ct);
            return Results.Created($"/api/v1/staff/users/{created.User.UserName}", created);
        });
    }

    /// <summary>Answers a bearer token (<c>{ tokenType, accessToken, expiresIn, refreshToken }</c>) for <c>Authorization: Bearer</c>.</summary>
    private static async Task<IResult> SignIn(SignInRequest body, ISender sender, CancellationToken ct)
    {
        var user = await sender.Send(new SignInStaff(body.UserName ?? "", body.Password ?? ""), ct);
        return Results.SignIn(StaffAuthentication.Principal(user), authenticationScheme: StaffAuthentication.StaffScheme);
    }
}

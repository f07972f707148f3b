using System.Security.Claims;
using System.Text.Encodings.Web;
using Lims.Application.Features.Submitters;
using Lims.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lims.Api.Auth;

/// <summary><c>Authorization: ApiKey &lt;key&gt;</c> → the submitter the key belongs to.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ISender sender)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SubmitterIdClaim = "lims:submitter-id";
    /// <summary>Authorization policies: a submitter's key, or a lab station's.</summary>
    public const string SubmitterPolicy = "submitter";
    public const string LabPolicy = "lab";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        if (!header.StartsWith(ApiKeys.Scheme + " ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header is not of the form 'ApiKey <key>'.");
        var key = header[(ApiKeys.Scheme.Length + 1)..].Trim();
        var principal = await sender.Send(new AuthenticateApiKey(key), Context.RequestAborted);
        if (principal is null) return AuthenticateResult.Fail("The API key is not known or has been revoked.");

        List<Claim> claims = [new(ClaimTypes.Name, principal.Name), new(ClaimTypes.Role, principal.Role.ToString())];
        if (principal.SubmitterId is { } submitter) claims.Add(new Claim(SubmitterIdClaim, submitter.Value.ToString()));
        var identity = new ClaimsIdentity(claims, ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = ApiKeys.Scheme;
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: failure ?? (Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? "The staff token is not valid, has expired or was ended (signed out, password or role changed, account disabled or locked): sign in again (POST /api/v1/auth/login)."
                : "An 'Authorization: ApiKey <key>' header, or 'Authorization: Bearer <token>' for staff (POST /api/v1/auth/login), is required.")).ExecuteAsync(Context);
    }
}

/// <summary>Writes 403s as problem details, like every other error.</summary>
public sealed class ProblemForbiddenResultHandler : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
{
    private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
        Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "You may not do this: submitter keys submit and read their own tubes, lab station keys and staff work at the bench, reviewers review, admins administer.").ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class SubmitterPrincipal
{
    public static SubmitterId SubmitterId(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.SubmitterIdClaim)!));

    /// <summary>How the caller appears in a tube's history: <c>api:&lt;submitter&gt;</c>, <c>station:&lt;name&gt;</c> or <c>user:&lt;name&gt;</c>.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.IsStaff() ? Lims.Domain.Staff.StaffUser.ActorOf(user.Identity!.Name!)
        : (user.IsInRole(nameof(Lims.Domain.Submitters.ApiKeyRole.LabStation)) ? "station:" : "api:") + user.Identity!.Name;
}

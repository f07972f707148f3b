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
    public const string SubmitterCodeClaim = "lims:submitter-code";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith(ApiKeys.Scheme + " ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header is not of the form 'ApiKey <key>'.");
        var key = header[(ApiKeys.Scheme.Length + 1)..].Trim();
        var submitter = await sender.Send(new AuthenticateApiKey(key), Context.RequestAborted);
        if (submitter is null) return AuthenticateResult.Fail("The API key is not known or has been revoked.");

        var identity = new ClaimsIdentity(
            [new Claim(SubmitterIdClaim, submitter.Id.Value.ToString()), new Claim(SubmitterCodeClaim, submitter.Code), new Claim(ClaimTypes.Name, submitter.Code)],
            ApiKeys.Scheme);
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
            detail: failure ?? "An 'Authorization: ApiKey <key>' header is required.").ExecuteAsync(Context);
    }
}

public static class SubmitterPrincipal
{
    public static SubmitterId SubmitterId(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.SubmitterIdClaim)!));

    /// <summary>How the submitter appears in a tube's history.</summary>
    public static string Actor(this ClaimsPrincipal user) => "api:" + user.FindFirstValue(ApiKeyAuthenticationHandler.SubmitterCodeClaim);
}

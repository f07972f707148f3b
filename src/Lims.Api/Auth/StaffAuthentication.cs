using System.Security.Claims;
using Lims.Application.Features.Submitters;
using Lims.Domain.Staff;
using Lims.Domain.Submitters;
using Microsoft.AspNetCore.Authentication;

namespace Lims.Api.Auth;

/// <summary>
/// Two kinds of callers: systems with an API key (<c>Authorization: ApiKey …</c>: submitters, lab stations) and
/// staff signed in with a password (<c>Authorization: Bearer …</c> from <c>POST /api/v1/auth/login</c>).
/// </summary>
public static class StaffAuthentication
{
    public const string Scheme = "Lims";
    public const string StaffScheme = "Staff";
    public const string StaffClaim = "lims:staff-user-id";

    /// <summary>Policies: a submitter's key; bench work (a station's key or any staff account); reviewing; administering.</summary>
    public const string ReviewPolicy = "review";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddLimsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or staff token", o =>
            {
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? StaffScheme : ApiKeys.Scheme;
                o.ForwardChallenge = ApiKeys.Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddBearerToken(StaffScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(configuration.GetValue("Lims:Staff:TokenHours", 8.0)));

        string[] staff = [.. Enum.GetNames<StaffRole>()];
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.SubmitterPolicy, p => p.RequireRole(nameof(ApiKeyRole.Submitter)))
            .AddPolicy(ApiKeyAuthenticationHandler.LabPolicy, p => p.RequireRole([nameof(ApiKeyRole.LabStation), .. staff]))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(nameof(StaffRole.Reviewer), nameof(StaffRole.SeniorReviewer)))
            .AddPolicy(AdminPolicy, p => p.RequireRole(nameof(StaffRole.Admin)));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemForbiddenResultHandler>();
        return services;
    }

    /// <summary>The principal a staff token carries: the user name, the role and the account id.</summary>
    public static ClaimsPrincipal Principal(StaffUser user) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role.ToString()), new Claim(StaffClaim, user.Id.ToString())],
            StaffScheme));

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == StaffClaim);
}

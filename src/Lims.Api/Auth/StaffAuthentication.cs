using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Lims.Api.Endpoints;
using Lims.Api.Hosting;
using Lims.Application.Abstractions;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Domain.Staff;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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
    public const string StampClaim = "lims:security-stamp";

    /// <summary>Policies: a submitter's key; bench work (a station's key or any staff account); reviewing; administering.</summary>
    public const string ReviewPolicy = "review";
    /// <summary>Any staff account (signing out, changing one's own password).</summary>
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";
    /// <summary>Rate limit of <c>POST /api/v1/auth/login</c> per client address.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>Staff admins, for the job dashboard; the schemes it names authenticate the request there (a sign-in cookie joins the bearer token).</summary>
    public const string JobDashboardPolicy = "job-dashboard";

    public static IServiceCollection AddLimsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var lifetime = TimeSpan.FromHours(configuration.GetValue("Lims:Staff:TokenHours", 8.0));
        if (lifetime <= TimeSpan.Zero) throw new InvalidOperationException("Lims:Staff:TokenHours must be more than 0.");
        services.AddSingleton(sp => new StaffTokens(sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>(), lifetime));
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or staff token", o =>
            {
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? StaffScheme : ApiKeys.Scheme;
                o.ForwardChallenge = ApiKeys.Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddScheme<AuthenticationSchemeOptions, StaffTokenHandler>(StaffScheme, null);

        string[] staff = [.. Enum.GetNames<StaffRole>()];
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.SubmitterPolicy, p => p.RequireRole(nameof(ApiKeyRole.Submitter)))
            .AddPolicy(ApiKeyAuthenticationHandler.LabPolicy, p => p.RequireRole([nameof(ApiKeyRole.LabStation), .. staff]))
            .AddPolicy(StaffPolicy, p => p.RequireRole(staff))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(nameof(StaffRole.Reviewer), nameof(StaffRole.SeniorReviewer)))
            .AddPolicy(AdminPolicy, p => p.RequireRole(nameof(StaffRole.Admin)))
            .AddPolicy(JobDashboardPolicy, p => p.AddAuthenticationSchemes(StaffScheme).RequireRole(nameof(StaffRole.Admin)));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemForbiddenResultHandler>();

        var perAddress = configuration.GetValue("Lims:Staff:SignInsPerMinute", 10);
        if (perAddress < 1) throw new InvalidOperationException("Lims:Staff:SignInsPerMinute must be 1 or more.");
        services.AddRateLimiter(o => o.AddPolicy(SignInRateLimit, new SignInAddressLimit(perAddress)));
        return services;
    }

    /// <summary>The principal of a staff account: the user name, the role, the account id and the security stamp its token is bound to.</summary>
    public static ClaimsPrincipal Principal(StaffUserId id, string userName, StaffRole role, string? stamp = null)
    {
        List<Claim> claims = [new(ClaimTypes.Name, userName), new(ClaimTypes.Role, role.ToString()), new(StaffClaim, id.ToString())];
        if (stamp is not null) claims.Add(new Claim(StampClaim, stamp));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, StaffScheme));
    }

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == StaffClaim);

    /// <summary>
    /// The origin failed sign-ins are counted for (<see cref="ICurrentOrigin"/>): the client address, an IPv6 one by its
    /// /64 as the look-up's rate limit counts it, <c>unknown</c> without one.
    /// </summary>
    public static string OriginOf(IPAddress? address)
    {
        var key = LookupEndpoints.ClientKey(address);
        return key.Equals(IPAddress.None) ? "unknown"
            : key.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? key + "/64" : key.ToString();
    }
}

/// <summary>
/// Staff bearer tokens: the account's id, name, role and security stamp, sealed with ASP.NET Core data protection (the
/// key ring in the database, so every replica reads them) with their expiry. No refresh token: a token lasts a shift
/// (<c>Lims:Staff:TokenHours</c>), then the user signs in again.
/// </summary>
public sealed class StaffTokens(IDataProtectionProvider protection, TimeProvider time, TimeSpan lifetime)
{
    private readonly TicketDataFormat _format = new(protection.CreateProtector("Lims.StaffToken", "v1"));

    public TimeSpan Lifetime => lifetime;

    /// <summary>The answer to a sign-in: <c>{ tokenType, accessToken, expiresIn }</c>.</summary>
    public StaffAccessToken Issue(StaffUser user)
    {
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(StaffAuthentication.Principal(user.Id, user.UserName, user.Role, user.SecurityStamp), properties, StaffAuthentication.StaffScheme);
        return new StaffAccessToken("Bearer", _format.Protect(ticket), (long)lifetime.TotalSeconds);
    }

    /// <summary>The principal of a token this API sealed and that has not expired, or null.</summary>
    public ClaimsPrincipal? Read(string token) =>
        _format.Unprotect(token) is { } ticket && ticket.Properties.ExpiresUtc is { } expires && expires > time.GetUtcNow() ? ticket.Principal : null;
}

public sealed record StaffAccessToken(string TokenType, string AccessToken, long ExpiresIn);

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> → the staff account, checked on every request against the database
/// (<see cref="AuthenticateStaffToken"/>, one primary-key read): a disabled account, one locked for this address, or a
/// token whose security stamp is no longer the account's (password or role changed, signed out) is refused.
/// </summary>
public sealed class StaffTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StaffTokens tokens, ISender sender)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = tokens.Read(header["Bearer ".Length..].Trim());
        if (token?.FindFirstValue(StaffAuthentication.StaffClaim) is not { } id || !Guid.TryParse(id, out var userId)
            || token.FindFirstValue(StaffAuthentication.StampClaim) is not { } stamp)
            return AuthenticateResult.Fail("The staff token is not valid or has expired.");
        var account = await sender.Send(new AuthenticateStaffToken(userId, stamp, StaffAuthentication.OriginOf(Context.Connection.RemoteIpAddress)), Context.RequestAborted);
        if (account is null) return AuthenticateResult.Fail("The staff token is no longer valid.");
        return AuthenticateResult.Success(new AuthenticationTicket(
            StaffAuthentication.Principal(account.Id, account.UserName, account.Role), StaffAuthentication.StaffScheme));
    }
}

/// <summary>
/// <c>Lims:Staff:SignInsPerMinute</c> sign-ins per client address and minute (IPv6 per /64), a fixed window; over it,
/// <c>429</c> problem details with <c>Retry-After</c>. The limit per user name is the application's (<see cref="RateLimitedException"/>).
/// </summary>
public sealed class SignInAddressLimit(int permits) : IRateLimiterPolicy<IPAddress>
{
    public RateLimitPartition<IPAddress> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(LookupEndpoints.ClientKey(httpContext.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return new ValueTask(TooManyRequests.WriteAsync(context.HttpContext, retryAfter, seconds => $"At most {permits} sign-ins a minute from one address; try again in {seconds} s."));
    };
}

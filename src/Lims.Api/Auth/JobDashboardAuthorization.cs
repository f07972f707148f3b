using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Lims.Api.Auth;

/// <summary>
/// Who may open the job dashboard (<c>/hangfire</c>): a request from the machine the API runs on, or a staff admin.
/// <list type="bullet">
/// <item>Local: the peer is a loopback address and the request came through no proxy (no <c>X-Forwarded-For</c> or
/// <c>Forwarded</c> header left unapplied: behind a proxy on the same machine every request would look local). A request
/// with no peer address at all — the API behind a Unix-socket proxy — is not local.</item>
/// <item>Admin: the request satisfies <see cref="StaffAuthentication.JobDashboardPolicy"/>, authenticated by the schemes
/// the policy names (the staff bearer token today; a sign-in cookie is one more scheme there).</item>
/// </list>
/// </summary>
public sealed class JobDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (IsLocal(http)) return true;
        var policy = await http.RequestServices.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(StaffAuthentication.JobDashboardPolicy)
            ?? throw new InvalidOperationException($"The authorization policy {StaffAuthentication.JobDashboardPolicy} is not registered.");
        var evaluator = http.RequestServices.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, http);
        if (!authenticated.Succeeded) return false;
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, http, resource: null);
        return authorized.Succeeded;
    }

    public static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>Who an API key belongs to, or null for an unknown or revoked key.</summary>
public sealed record AuthenticateApiKey(string Key) : IQuery<ApiPrincipal?>;

/// <param name="Name">The submitter's code or the lab station's name.</param>
public sealed record ApiPrincipal(ApiKeyRole Role, SubmitterId? SubmitterId, string Name);

public sealed class AuthenticateApiKeyHandler(ILimsDbContext db) : IQueryHandler<AuthenticateApiKey, ApiPrincipal?>
{
    public async ValueTask<ApiPrincipal?> Handle(AuthenticateApiKey query, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(query.Key);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Role, k.SubmitterId, k.Station })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null) return null;
        if (key.Role == ApiKeyRole.LabStation) return new ApiPrincipal(key.Role, null, key.Station!);
        var code = await db.Submitters.AsNoTracking().Where(s => s.Id == key.SubmitterId).Select(s => s.Code).SingleAsync(cancellationToken);
        return new ApiPrincipal(key.Role, key.SubmitterId, code);
    }
}

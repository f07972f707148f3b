using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>Who an API key belongs to, or null for an unknown or revoked key.</summary>
public sealed record AuthenticateApiKey(string Key) : IQuery<AuthenticatedSubmitter?>;

public sealed record AuthenticatedSubmitter(SubmitterId Id, string Code);

public sealed class AuthenticateApiKeyHandler(ILimsDbContext db) : IQueryHandler<AuthenticateApiKey, AuthenticatedSubmitter?>
{
    public async ValueTask<AuthenticatedSubmitter?> Handle(AuthenticateApiKey query, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(query.Key);
        return await (
                from key in db.ApiKeys.AsNoTracking()
                join submitter in db.Submitters.AsNoTracking() on key.SubmitterId equals submitter.Id
                where key.Hash == hash && key.RevokedAt == null
                select new AuthenticatedSubmitter(submitter.Id, submitter.Code))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

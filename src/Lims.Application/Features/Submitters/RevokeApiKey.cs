using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>
/// Revokes an API key (an admin, or <c>lims apikey revoke</c>): it authenticates nobody from the next request on. A key
/// revoked already is left as it was.
/// </summary>
public sealed record RevokeApiKey(Guid Id) : ICommand<ApiKeyView>;

public sealed class RevokeApiKeyHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<RevokeApiKey, ApiKeyView>
{
    public async ValueTask<ApiKeyView> Handle(RevokeApiKey command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.Where(k => k.Id == command.Id).SingleOrNotFoundAsync("API key", command.Id, cancellationToken);
        if (key.RevokedAt is null)
        {
            key.Revoke(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        var code = await db.Submitters.AsNoTracking().Where(s => s.Id == key.SubmitterId).Select(s => s.Code).SingleOrDefaultAsync(cancellationToken);
        return ApiKeyView.Of(key, code);
    }
}

using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>The API keys, newest first, of one submitter or station when named (an admin, or <c>lims apikey list</c>): never a key or its hash.</summary>
public sealed record ListApiKeys(string? Submitter = null, string? Station = null) : IQuery<IReadOnlyList<ApiKeyView>>;

public sealed class ListApiKeysHandler(ILimsDbContext db) : IQueryHandler<ListApiKeys, IReadOnlyList<ApiKeyView>>
{
    public async ValueTask<IReadOnlyList<ApiKeyView>> Handle(ListApiKeys query, CancellationToken cancellationToken)
    {
        var keys = db.ApiKeys.AsNoTracking();
        if (query.Submitter is { } code)
        {
            var submitter = await db.Submitters.AsNoTracking().Where(s => s.Code == code).Select(s => (SubmitterId?)s.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw NotFoundException.Of("submitter", code);
            keys = keys.Where(k => k.SubmitterId == submitter);
        }
        if (query.Station is { } station) keys = keys.Where(k => k.Station == station);
        var rows = await keys
            .Select(k => new { Key = k, Code = db.Submitters.Where(s => s.Id == k.SubmitterId).Select(s => s.Code).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Key.CreatedAt).ThenByDescending(r => r.Key.Id).Select(r => ApiKeyView.Of(r.Key, r.Code))];
    }
}

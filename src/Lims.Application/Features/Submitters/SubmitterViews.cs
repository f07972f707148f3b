using Lims.Domain.Common;
using Lims.Domain.Submitters;

namespace Lims.Application.Features.Submitters;

/// <summary>An API key just issued, for a submitter or a lab station (<paramref name="SubmitterCode"/> is then the station): shown once.</summary>
public sealed record IssuedApiKey(string SubmitterCode, string Key, string Prefix, Guid Id);

/// <summary>An API key as the admin list shows it: whose it is and its first characters, never the key or its hash.</summary>
public sealed record ApiKeyView(Guid Id, string Role, string? Submitter, string? Station, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView Of(ApiKey key, string? submitterCode) =>
        new(key.Id, key.Role.ToWire(), submitterCode, key.Station, key.Prefix, key.CreatedAt, key.RevokedAt);
}

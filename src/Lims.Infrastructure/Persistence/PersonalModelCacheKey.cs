using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// EF caches a context type's model once per process; Lims's model holds the cipher of its personal columns, so it is
/// cached per key (fingerprint) too: two hosts in one process with other keys (tests, tools) never share a cipher.
/// </summary>
internal sealed class PersonalModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as LimsDbContext)?.PersonalText.Fingerprint);
}

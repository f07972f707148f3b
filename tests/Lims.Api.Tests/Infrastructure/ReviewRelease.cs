using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>
/// Reviews and releases a tube through the domain and the database directly, at the times given. A stand-in until the
/// review and release endpoints exist: then the tests that use it should go through HTTP instead.
/// </summary>
public static class ReviewRelease
{
    public static Task ReviewAndReleaseAsync(this LimsApiFactory api, string barcode, DateTimeOffset reviewedAt, DateTimeOffset? releasedAt) =>
        api.WithDbAsync(async db =>
        {
            var code = Barcode.Create(barcode);
            var tube = await db.Tubes.SingleAsync(t => t.Barcode == code);
            tube.Review(reviewedAt, "reviewer@test");
            if (releasedAt is { } at) tube.Release(at, "reviewer@test");
            return await db.SaveChangesAsync();
        });
}

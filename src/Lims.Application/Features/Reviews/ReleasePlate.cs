using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Reviews;

/// <summary>Releases the approved tubes of the plate: their per-tube and per-person results leave the lab (ReleaseResults).</summary>
public sealed record ReleasePlate(string Plate, string UserName) : ICommand<PlateReviewView>;

public sealed class ReleasePlateHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<ReleasePlate, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(ReleasePlate command, CancellationToken cancellationToken)
    {
        var review = await db.ReviewOfPlateAsync(db.PlateReviews, command.Plate, cancellationToken);
        var signer = await db.SignerAsync(command.UserName, cancellationToken);
        review.Release(signer, time.GetUtcNow());
        return await ReviewViews.SaveAsync(db, review, cancellationToken);
    }
}

using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Inactivation;

/// <summary>Adds received tubes to an open batch (a tube already in it is a no-op, so a retry is harmless).</summary>
public sealed record LoadInactivation(string Code, IReadOnlyList<string> Tubes) : ICommand<InactivationView>;

public sealed class LoadInactivationHandler(ILimsDbContext db) : ICommandHandler<LoadInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(LoadInactivation command, CancellationToken cancellationToken)
    {
        var batch = await db.InactivationBatches.InactivationBatchAsync(command.Code, cancellationToken);
        var tubes = await db.TubesAsync(command.Tubes, cancellationToken);
        foreach (var tube in tubes.Where(t => !batch.Tubes.Any(x => x.TubeId == t.Id))) batch.Load(tube);
        await db.SaveAsync(batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

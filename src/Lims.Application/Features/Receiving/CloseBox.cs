using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Features.Receiving;

/// <summary>Closes a box with its reconciliation: every missing, extra, unknown and duplicate barcode, and a count that differs.</summary>
public sealed record CloseBox(string Box, string Actor) : ICommand<BoxView>;

public sealed class CloseBoxHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CloseBox, BoxView>
{
    public async ValueTask<BoxView> Handle(CloseBox command, CancellationToken cancellationToken)
    {
        var box = await db.Boxes.BoxAsync(command.Box, cancellationToken);
        box.Close(time.GetUtcNow(), command.Actor);
        await db.SaveAsync(box, cancellationToken);
        return BoxView.From(box);
    }
}

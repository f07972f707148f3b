using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>
/// First start of the embedded default: a <c>demo</c> submitter with one API key, so the API can be
/// tried at once. Answers the key when it was just created, null when the demo submitter existed.
/// </summary>
public sealed record EnsureDemoSubmitter : ICommand<string?>;

public sealed class EnsureDemoSubmitterHandler(ILimsDbContext db, ISender sender) : ICommandHandler<EnsureDemoSubmitter, string?>
{
    public const string Code = "demo";

    public async ValueTask<string?> Handle(EnsureDemoSubmitter command, CancellationToken cancellationToken)
    {
        if (await db.Submitters.AnyAsync(s => s.Code == Code, cancellationToken)) return null;
        try
        {
            await sender.Send(new CreateSubmitter(Code, "Demo hospital", SubmitterKind.Hospital), cancellationToken);
        }
        catch (ConflictException)
        {
            return null; // another process created it first
        }
        return (await sender.Send(new CreateApiKey(Code), cancellationToken)).Key;
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Kits;

/// <summary>
/// Adds a lab's own assay kit from its JSON definition. A kit is never edited in place: the same
/// code and version with the same rules answers the stored kit, with other rules it is a conflict.
/// </summary>
public sealed record RegisterKit(string DefinitionJson, string Actor) : ICommand<KitView>;

public sealed class RegisterKitValidator : AbstractValidator<RegisterKit>
{
    public RegisterKitValidator() =>
        RuleFor(c => c.DefinitionJson).Custom((json, context) =>
        {
            try
            {
                AssayKitJson.Parse(json);
            }
            catch (DomainException e) when (e.Code == AssayKit.InvalidCode)
            {
                context.AddFailure("kit", e.Message);
            }
        });
}

public sealed class RegisterKitHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<RegisterKit, KitView>
{
    public async ValueTask<KitView> Handle(RegisterKit command, CancellationToken cancellationToken)
    {
        var kit = AssayKitJson.Parse(command.DefinitionJson);
        var registered = RegisteredKit.Register(kit, time.GetUtcNow(), command.Actor);
        if (await db.Kits.AsNoTracking().SingleOrDefaultAsync(k => k.Code == kit.Code && k.Version == kit.Version, cancellationToken) is { } existing)
            return existing.Definition == registered.Definition
                ? KitView.From(existing)
                : throw new ConflictException("kit-version-exists", $"Kit {kit.Code} version {kit.Version} exists with other rules; a changed kit needs a new version.");
        db.Kits.Add(registered);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("kit-version-exists", $"Kit {kit.Code} version {kit.Version} was added at the same time; send it again.");
        }
        return KitView.From(registered);
    }
}

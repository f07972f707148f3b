using Lims.Domain.Common;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>Adds a hospital or collection site. Its code is unique: a second one with the same code is a conflict.</summary>
public sealed record CreateSubmitter(string Code, string Name, SubmitterKind Kind) : ICommand<SubmitterView>;

public sealed record SubmitterView(Guid Id, string Code, string Name, string Kind);

public sealed class CreateSubmitterValidator : AbstractValidator<CreateSubmitter>
{
    public CreateSubmitterValidator()
    {
        RuleFor(c => c.Code).Must(Submitter.IsValidCode)
            .WithMessage("A submitter code has 2–32 lowercase letters, digits or dashes.").OverridePropertyName("code");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
    }
}

public sealed class CreateSubmitterHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CreateSubmitter, SubmitterView>
{
    public async ValueTask<SubmitterView> Handle(CreateSubmitter command, CancellationToken cancellationToken)
    {
        var submitter = Submitter.Create(command.Code, command.Name, command.Kind, time.GetUtcNow());
        db.Submitters.Add(submitter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on the code decides, not a query first: a concurrent twin loses here.
            throw new ConflictException("submitter-exists", $"A submitter with code '{command.Code}' already exists.");
        }
        return new SubmitterView(submitter.Id.Value, submitter.Code, submitter.Name, submitter.Kind.ToWire());
    }
}

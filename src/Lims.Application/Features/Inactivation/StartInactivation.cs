using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Inactivation;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Inactivation;

/// <summary>
/// Starts an inactivation batch with received tubes. Idempotent by the batch code: starting the
/// same batch again answers it; the same code with other contents is a conflict.
/// </summary>
public sealed record StartInactivation(string Code, string Method, string Equipment, string? Operator, IReadOnlyList<string> Tubes, string Actor)
    : ICommand<InactivationView>;

public sealed class StartInactivationValidator : AbstractValidator<StartInactivation>
{
    public StartInactivationValidator()
    {
        RuleFor(c => c.Code).Must(b => Barcode.TryCreate(b, out _, out _)).WithMessage(c => Barcode.Check(c.Code)!).OverridePropertyName("code");
        RuleFor(c => c.Method).Must(m => Wire.Parse<InactivationMethod>(m) is not null)
            .WithMessage($"The method is {Wire.OneOf<InactivationMethod>()}.").OverridePropertyName("method");
        RuleFor(c => c.Equipment).NotEmpty().MaximumLength(100).OverridePropertyName("equipment");
        RuleFor(c => c.Tubes).NotEmpty().Must(t => t.Count <= InactivationBatch.MaxTubes)
            .Must(t => t.Distinct().Count() == t.Count).WithMessage("A tube is listed more than once.").OverridePropertyName("tubes");
    }
}

public sealed class StartInactivationHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<StartInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(StartInactivation command, CancellationToken cancellationToken)
    {
        var code = Barcode.Create(command.Code);
        var method = Wire.Parse<InactivationMethod>(command.Method)!.Value;
        if (await db.InactivationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken) is { } existing)
            return existing.Method == method && existing.Tubes.Select(t => t.Barcode.Value).Order().SequenceEqual(command.Tubes.Order())
                ? InactivationView.From(existing)
                : throw new ConflictException("batch-exists", $"Inactivation batch {code} was already started with other contents.");

        var tubes = await db.TubesAsync(command.Tubes, cancellationToken);
        var batch = InactivationBatch.Start(InactivationBatchId.New(), code, method, command.Equipment, command.Operator ?? command.Actor, tubes, time.GetUtcNow(), command.Actor);
        db.InactivationBatches.Add(batch);
        await db.SaveAsync(batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

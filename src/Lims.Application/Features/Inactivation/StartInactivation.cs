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
        RuleFor(c => c.Code).Must(b => Barcode.TryCreate(b, out _, out _))
            .WithMessage("A batch code has 4 to 32 printable ASCII characters without spaces.").OverridePropertyName("code");
        RuleFor(c => c.Method).Must(m => Inactivations.Method(m) is not null).WithMessage("The method is heat or chemical.").OverridePropertyName("method");
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
        var method = Inactivations.Method(command.Method)!.Value;
        if (await db.InactivationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken) is { } existing)
            return existing.Method == method && existing.Tubes.Select(t => t.Barcode.Value).Order().SequenceEqual(command.Tubes.Order())
                ? InactivationView.From(existing)
                : throw new ConflictException("batch-exists", $"Inactivation batch {code} was already started with other contents.");

        var tubes = await Inactivations.TubesAsync(db, command.Tubes, cancellationToken);
        var batch = InactivationBatch.Start(InactivationBatchId.New(), code, method, command.Equipment, command.Operator ?? command.Actor, tubes, time.GetUtcNow());
        db.InactivationBatches.Add(batch);
        await Inactivations.SaveAsync(db, batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

/// <summary>Adds received tubes to an open batch (a tube already in it is a no-op, so a retry is harmless).</summary>
public sealed record LoadInactivation(string Code, IReadOnlyList<string> Tubes) : ICommand<InactivationView>;

public sealed class LoadInactivationHandler(ILimsDbContext db) : ICommandHandler<LoadInactivation, InactivationView>
{
    public async ValueTask<InactivationView> Handle(LoadInactivation command, CancellationToken cancellationToken)
    {
        var batch = await Inactivations.FindAsync(db, command.Code, cancellationToken);
        var tubes = await Inactivations.TubesAsync(db, command.Tubes, cancellationToken);
        foreach (var tube in tubes.Where(t => !batch.Tubes.Any(x => x.TubeId == t.Id))) batch.Load(tube);
        await Inactivations.SaveAsync(db, batch, cancellationToken);
        return InactivationView.From(batch);
    }
}

public sealed record InactivationView(
    string Code, string Method, string Equipment, string Operator, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int RequiredMinutes, string? OverrideReason, DateTimeOffset? OverdueSince, IReadOnlyList<string> Tubes)
{
    public static InactivationView From(InactivationBatch b) => new(
        b.Code.Value, b.Method.ToWire(), b.Equipment, b.Operator, b.Status.ToWire(),
        b.StartedAt, b.EndedAt, (int)b.RequiredDuration.TotalMinutes, b.OverrideReason, b.OverdueSince, [.. b.Tubes.Select(t => t.Barcode.Value)]);
}

internal static class Inactivations
{
    public static InactivationMethod? Method(string? wire) => wire switch
    {
        "heat" => InactivationMethod.Heat,
        "chemical" => InactivationMethod.Chemical,
        _ => null,
    };

    public static async Task<InactivationBatch> FindAsync(ILimsDbContext db, string code, CancellationToken cancellationToken)
    {
        Barcode? barcode = Barcode.TryCreate(code, out var b, out _) ? b : null;
        return (barcode is null ? null : await db.InactivationBatches.SingleOrDefaultAsync(x => x.Code == barcode, cancellationToken))
            ?? throw new NotFoundException($"There is no inactivation batch {code}.");
    }

    public static Task<List<Tube>> TubesAsync(ILimsDbContext db, IReadOnlyList<string> barcodes, CancellationToken cancellationToken) =>
        db.TubesAsync(barcodes, null, u => $"There is no tube {u}.", cancellationToken);

    /// <summary>Unique indexes decide a refused write: the batch code, or a tube already inactivated in another batch.</summary>
    public static Task SaveAsync(ILimsDbContext db, InactivationBatch batch, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(
            ("batch-changed", $"Inactivation batch {batch.Code} was changed by someone else at the same time; try again."),
            ("tube-already-inactivated", $"Batch {batch.Code} exists already, or one of its tubes is in another inactivation batch."),
            cancellationToken);
}

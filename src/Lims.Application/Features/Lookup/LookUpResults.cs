using Lims.Domain.Common;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Mediator;

namespace Lims.Application.Features.Lookup;

/// <summary>
/// The public result look-up: a person's latest released results, found by their id and the name they were registered under —
/// both must match. Anonymous, so it answers only what a masked screen may show, and an unknown id, a wrong name and a person
/// with nothing released yet all answer the same: not found (null).
/// </summary>
/// <param name="IdType"><c>cn-resident</c> (when left out), <c>passport</c> or <c>other</c>.</param>
public sealed record LookUpResults(string? IdType, string? IdNumber, string? Name) : IQuery<LookupAnswer?>
{
    public const string DefaultIdType = "cn-resident";
}

/// <summary>The person (masked) and their results, newest release first.</summary>
public sealed record LookupAnswer(string IdType, string MaskedId, string MaskedName, IReadOnlyList<LookupResultView> Results);

/// <param name="Outcome"><c>negative</c>, <c>positive</c> or <c>recall-required</c> (a member of a positive pool: a single tube is
/// ordered for them, whose result follows as its own entry).</param>
/// <param name="Tube">The tube's barcode, masked (<c>TB******0001</c>).</param>
/// <param name="TubeKind"><c>pooled</c> or <c>single</c>.</param>
public sealed record LookupResultView(string Outcome, string Tube, string TubeKind, string Site, DateTimeOffset CollectedAt, DateTimeOffset ReleasedAt);

public sealed class LookUpResultsValidator : AbstractValidator<LookUpResults>
{
    public LookUpResultsValidator()
    {
        RuleFor(q => q.IdType).Must(t => t is null || Wire.Parse<PersonIdType>(t) is not null)
            .WithMessage("The id type is 'cn-resident' (when left out), 'passport' or 'other'.").OverridePropertyName("idType");
        RuleFor(q => q.IdNumber).Custom((number, context) =>
        {
            if (Wire.Parse<PersonIdType>(context.InstanceToValidate.IdType ?? LookUpResults.DefaultIdType) is { } type
                && !PersonId.TryCreate(type, number, out _, out var error))
                context.AddFailure("idNumber", error);
        });
        RuleFor(q => q.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The name the person was registered under is required.")
            .Must(n => n is null || n.Trim().Length <= LookupName.MaxLength).WithMessage($"A name has at most {LookupName.MaxLength} characters.")
            .OverridePropertyName("name");
    }
}

public sealed class LookUpResultsHandler(ILookupReader reader, ILookupHasher hasher) : IQueryHandler<LookUpResults, LookupAnswer?>
{
    public async ValueTask<LookupAnswer?> Handle(LookUpResults query, CancellationToken cancellationToken)
    {
        var idType = query.IdType ?? LookUpResults.DefaultIdType;
        var id = PersonId.Create(Wire.Parse<PersonIdType>(idType)!.Value, query.IdNumber);
        var personHash = hasher.PersonHash(id);
        // Hashed before the read, so that an unknown id costs the same hashing as a wrong name.
        var nameHash = hasher.NameHash(personHash, query.Name!);
        if (await reader.ReadAsync(personHash, cancellationToken) is not { } payload) return null;
        var lookup = LookupPayload.Read(payload);
        if (lookup.For(nameHash) is not { } match || match.Results.Count == 0) return null;
        return new LookupAnswer(idType, lookup.MaskedId, match.MaskedName,
            [.. match.Results.Select(r => new LookupResultView(r.Outcome.ToWire(), r.Tube, r.Pooled ? "pooled" : "single", r.Site, r.CollectedAt, r.ReleasedAt))]);
    }

}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Results;

/// <summary>A page of a submitter's released results, in release order; <see cref="Next"/> is the cursor to ask for after.</summary>
public sealed record ResultPage(IReadOnlyList<TubeResultView> Results, long Next, bool More);

/// <summary>The submitter's own released results after <paramref name="After"/> (0 for the first page).</summary>
public sealed record GetResults(SubmitterId Submitter, long After, int Limit) : IQuery<ResultPage>
{
    public const int MaxLimit = 1000;
}

public sealed class GetResultsValidator : AbstractValidator<GetResults>
{
    public GetResultsValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0).WithMessage("'after' is a cursor from an earlier page (0 or more).");
        RuleFor(q => q.Limit).InclusiveBetween(1, GetResults.MaxLimit).WithMessage($"'limit' is 1 to {GetResults.MaxLimit}.");
    }
}

public sealed class GetResultsHandler(ILimsDbContext db) : IQueryHandler<GetResults, ResultPage>
{
    public async ValueTask<ResultPage> Handle(GetResults query, CancellationToken cancellationToken)
    {
        var rows = await db.ReleasedTubes.AsNoTracking()
            .Where(r => r.SubmitterId == query.Submitter && r.Cursor > query.After)
            .OrderBy(r => r.Cursor).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = rows.Count > query.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new ResultPage([.. rows.Select(ResultViews.View)], rows.Count > 0 ? rows[^1].Cursor : query.After, more);
    }
}

using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Pools.Recall;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// Recall cases, the most urgent first: open ones by deadline, then closed and withdrawn ones. A submitter sees its own
/// once they are shown to it (a case prepared for a pool whose positive call is not approved yet reveals that call).
/// </summary>
/// <param name="Status">open, overdue, closed, withdrawn, or null for all.</param>
public sealed record ListRecallCases(SubmitterId? Submitter, string? Status, int Limit = 200) : IQuery<IReadOnlyList<RecallCaseView>>
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "overdue", "closed", "withdrawn"];
}

public sealed class ListRecallCasesValidator : AbstractValidator<ListRecallCases>
{
    public ListRecallCasesValidator() =>
        RuleFor(q => q.Status).Must(s => s is null || ListRecallCases.Statuses.Contains(s))
            .WithMessage("The status is open, overdue, closed or withdrawn.").OverridePropertyName("status");
}

public sealed class ListRecallCasesHandler(ILimsDbContext db) : IQueryHandler<ListRecallCases, IReadOnlyList<RecallCaseView>>
{
    public async ValueTask<IReadOnlyList<RecallCaseView>> Handle(ListRecallCases query, CancellationToken cancellationToken)
    {
        var cases = db.RecallCases.AsNoTracking();
        if (query.Submitter is { } submitter) cases = cases.Where(c => c.SubmitterId == submitter && c.VisibleAt != null);
        cases = query.Status switch
        {
            "open" => cases.Where(c => c.Status == RecallStatus.Open),
            "overdue" => cases.Where(c => c.Status == RecallStatus.Open && c.OverdueSince != null),
            "closed" => cases.Where(c => c.Status == RecallStatus.Closed),
            "withdrawn" => cases.Where(c => c.Status == RecallStatus.Withdrawn),
            _ => cases,
        };
        var found = await cases.OrderBy(c => c.Status).ThenBy(c => c.DueAt).Take(Math.Clamp(query.Limit, 1, 1_000)).ToListAsync(cancellationToken);
        return [.. found.Select(RecallCaseView.From)];
    }
}

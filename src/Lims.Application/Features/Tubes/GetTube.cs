using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Tubes;

/// <summary>
/// A submitter's own tube by barcode, members masked. Another submitter's tube is not found. The lab's call is
/// not shown before the tube is released: a result reaches the submitter only after review.
/// </summary>
public sealed record GetTube(SubmitterId Submitter, string Barcode) : IQuery<TubeView>;

public sealed record TubeView(
    string Barcode, string Kind, int Capacity, string Status, string? Rejection, string Priority, string Site,
    DateTimeOffset CollectedAt, DateTimeOffset DueAt, DateTimeOffset? AtRiskSince, DateTimeOffset? RecollectionRequiredAt, Guid BatchId,
    IReadOnlyList<MemberView> Members, IReadOnlyList<HistoryView> History);

/// <param name="IdNumber">Always masked, e.g. <c>1101**********123X</c>.</param>
public sealed record MemberView(int Position, string IdType, string IdNumber, string Name, string? Phone);

public sealed record HistoryView(string? From, string To, DateTimeOffset At, string By, string? Reason);

public sealed class GetTubeHandler(ILimsDbContext db) : IQueryHandler<GetTube, TubeView>
{
    public async ValueTask<TubeView> Handle(GetTube query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryParse(query.Barcode, out var barcode)) throw NotFoundException.Of("tube", query.Barcode);
        var tube = await db.Tubes.AsNoTracking()
            .Where(t => t.Barcode == barcode && t.SubmitterId == query.Submitter)
            .Select(t => new
            {
                t.Barcode, t.Kind, t.Capacity, t.Status, t.Rejection, t.Priority, t.Site, t.CollectedAt, t.DueAt, t.AtRiskSince, t.RecollectionRequiredAt, t.SubmissionId,
                Members = t.Members.OrderBy(m => m.Position).Select(m => new { m.Position, m.Person.Type, m.Person.Masked, m.Name, m.Phone }).ToList(),
                // In the order the transitions happened (the event's insertion key), whatever the clocks said.
                History = t.History.OrderBy(h => EF.Property<long>(h, "Id")).Select(h => new { h.From, h.To, h.At, h.Actor, h.Reason }).ToList(),
            })
            .SingleOrNotFoundAsync("tube", query.Barcode, cancellationToken);

        return new TubeView(
            tube.Barcode.Value, tube.Kind.ToWire(), tube.Capacity, tube.Status.ToWire(), tube.Rejection?.ToWire(),
            tube.Priority.ToWire(), tube.Site, tube.CollectedAt, tube.DueAt, tube.AtRiskSince, tube.RecollectionRequiredAt, tube.SubmissionId.Value,
            [.. tube.Members.Select(m => new MemberView(m.Position, m.Type.ToWire(), m.Masked, Member.MaskName(m.Name), Member.MaskPhone(m.Phone)))],
            [.. tube.History.Select(h => new HistoryView(h.From?.ToWire(), h.To.ToWire(), h.At, h.Actor, Visible(h.To, h.Reason, tube.Status)))]);
    }

    private static string? Visible(TubeStatus to, string? reason, TubeStatus now) =>
        to == TubeStatus.Interpreted && now != TubeStatus.Released ? null : reason;
}

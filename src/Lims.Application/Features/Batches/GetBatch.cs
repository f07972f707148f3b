using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Batches;

/// <summary>A submitter's own batch: its receipt and where each accepted tube stands. Another submitter's batch is not found.</summary>
public sealed record GetBatch(SubmitterId Submitter, Guid BatchId) : IQuery<BatchView>;

public sealed record BatchView(
    Guid BatchId, string? Reference, DateTimeOffset ReceivedAt, int Accepted, IReadOnlyList<TubeRejection> Rejected,
    IReadOnlyList<BatchTubeView> Tubes);

public sealed record BatchTubeView(string Barcode, string Status, DateTimeOffset DueAt, bool AtRisk);

public sealed class GetBatchHandler(ILimsDbContext db) : IQueryHandler<GetBatch, BatchView>
{
    public async ValueTask<BatchView> Handle(GetBatch query, CancellationToken cancellationToken)
    {
        var id = new SubmissionId(query.BatchId);
        var submission = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == id && s.SubmitterId == query.Submitter)
            .Select(s => new { s.Reference, s.ReceivedAt, s.Receipt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.Of("batch", query.BatchId);

        var receipt = JsonSerializer.Deserialize<BatchReceipt>(submission.Receipt, JsonSerializerOptions.Web)!;
        var tubes = await db.Tubes.AsNoTracking()
            .Where(t => t.SubmissionId == id)
            .OrderBy(t => t.Barcode)
            .Select(t => new { t.Barcode, t.Status, t.DueAt, t.AtRiskSince })
            .ToListAsync(cancellationToken);
        return new BatchView(query.BatchId, submission.Reference, submission.ReceivedAt, receipt.Accepted, receipt.Rejected,
            [.. tubes.Select(t => new BatchTubeView(t.Barcode.Value, t.Status.ToWire(), t.DueAt, t.AtRiskSince is not null))]);
    }
}

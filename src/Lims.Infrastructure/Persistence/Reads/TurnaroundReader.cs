using System.Data.Common;
using Lims.Application.Abstractions;
using Lims.Application.Features.Dashboard;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;
using Microsoft.EntityFrameworkCore;

namespace Lims.Infrastructure.Persistence.Reads;

/// <summary>
/// EF Core writes the query (the same LINQ on every provider, parameters converted as the model stores them) and this
/// reads its rows with typed getters: materializing EF's projection cost about 1 KB and several microseconds per row,
/// which at millions of tubes was most of the dashboard's time. Times are Unix milliseconds on SQLite
/// (<see cref="LimsDbContext"/>'s convention) and date-times with offset elsewhere.
/// </summary>
internal sealed class TurnaroundReader(LimsDbContext db) : ITurnaroundReader
{
    public async Task<long> ReadAsync(Priority priority, DateTimeOffset dueFrom, DateTimeOffset dueTo, DateTimeOffset from, DateTimeOffset to,
        TurnaroundTally tally, CancellationToken cancellationToken)
    {
        // The columns in the order read below.
        await using var command = db.Tubes.AsNoTracking()
            .Where(t => t.Priority == priority && t.DueAt >= dueFrom && t.DueAt < dueTo && t.CollectedAt >= from && t.CollectedAt < to)
            .Select(t => new
            {
                t.Status, t.Call, t.Site, t.MemberCount, t.DueAt,
                t.CollectedAt, t.ReceivedAt, t.InactivatedAt, t.PlatedAt, t.AmplifiedAt, t.InterpretedAt, t.ReviewedAt, t.ReleasedAt,
                t.Kind,
                // A recall tube carries the barcode a recall ordered (unique index on recall_members.order_barcode): asked only of
                // single tubes with a call, the few the positivity counts apart.
                Recall = t.Kind == TubeKind.Single && t.Call != null && db.RecallCases.SelectMany(c => c.Members).Any(m => m.OrderBarcode == t.Barcode),
            })
            .CreateDbCommand();
        var unixMilliseconds = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var call = reader.IsDBNull(1) ? (TubeCall?)null : Enum.Parse<TubeCall>(reader.GetString(1));
                // The site only counts for positivity: read it only then.
                var site = call is TubeCall.Positive or TubeCall.Negative ? reader.GetString(2) : "";
                tally.Add(priority, Enum.Parse<TubeStatus>(reader.GetString(0)), call, site, reader.GetInt32(3), Time(reader, 4),
                    new StageTimes(Time(reader, 5), Optional(reader, 6), Optional(reader, 7), Optional(reader, 8), Optional(reader, 9),
                        Optional(reader, 10), Optional(reader, 11), Optional(reader, 12)),
                    Enum.Parse<TubeKind>(reader.GetString(13)), reader.GetBoolean(14));
                rows++;
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        DateTimeOffset Time(DbDataReader r, int i) =>
            unixMilliseconds ? UnixMillisecondsConverter.FromDb(r.GetInt64(i)) : r.GetFieldValue<DateTimeOffset>(i);

        DateTimeOffset? Optional(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);
    }
}

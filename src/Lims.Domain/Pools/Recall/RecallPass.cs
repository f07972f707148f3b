using Lims.Domain.Common;
using Lims.Domain.Labels;
using Lims.Domain.Tubes;

namespace Lims.Domain.Pools.Recall;

/// <summary>A positive pool as a pass of recalls finds it, before its people are read: how many they are is enough to order their tubes.</summary>
public sealed record PositivePoolHeader(TubeId Tube, Barcode Barcode, SubmitterId Submitter, string Site, int Members);

/// <summary>A pool of a <see cref="RecallPass"/>: the case it opens, and the ordinal of the order barcode of its first person in the pass.</summary>
public sealed record RecallPassPool(RecallCaseId Case, TubeId Tube, Barcode Barcode, SubmitterId Submitter, string Site, int Members, int FirstOrder);

/// <summary>
/// The recall cases one pass opens, decided before anyone's personal data is read: the positive pools in order, each
/// with its new case id, and the ranges of tube barcodes issued for their people. The rule that binds people to
/// barcodes: the ranges are taken back to back, and the i-th person of the pass — the pools in order, each pool's
/// people by position — gets the i-th barcode (a pool's first is its <see cref="RecallPassPool.FirstOrder"/>).
/// <see cref="Open"/> binds a pool's people that way in memory (the same as <see cref="RecallCase.Open(RecallCaseId, PositivePool, IReadOnlyList{Barcode}, DateTimeOffset, TimeSpan)"/>
/// with the pool's slice of the barcodes); the PostgreSQL writer binds them in the database by the same rule, so the
/// people never travel to the process and back.
/// </summary>
public sealed class RecallPass
{
    private readonly int[] _orderStarts;

    private RecallPass(IReadOnlyList<RecallPassPool> pools, IReadOnlyList<BarcodeRange> orders, int[] orderStarts, DateTimeOffset at, TimeSpan deadline)
    {
        Pools = pools;
        Orders = orders;
        _orderStarts = orderStarts;
        Deadline = deadline;
        OpenedAt = at.ToUniversalTime();
        DueAt = OpenedAt + deadline;
    }

    /// <summary>The pools in the order their people are numbered; their case ids ascend in that order.</summary>
    public IReadOnlyList<RecallPassPool> Pools { get; }

    /// <summary>The barcode ranges ordered for the pass, all of one prefix, taken back to back.</summary>
    public IReadOnlyList<BarcodeRange> Orders { get; }

    /// <summary>The prefix of every order barcode.</summary>
    public string OrderPrefix => Orders[0].Prefix;

    /// <summary>The ordinal in the pass of the first barcode of each range of <see cref="Orders"/>.</summary>
    public IReadOnlyList<int> OrderStarts => _orderStarts;

    public TimeSpan Deadline { get; }

    /// <summary>When every case of the pass is opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; }

    public DateTimeOffset DueAt { get; }

    /// <summary>
    /// Plans the pass: a new case per pool, the ids made now and handed out in ascending order (they go into the
    /// indexes in key order), and each pool's first barcode.
    /// </summary>
    /// <exception cref="ArgumentException">No pool, a pool without people or twice, ranges of several prefixes, or fewer barcodes than people.</exception>
    /// <exception cref="DomainException">The deadline is not a positive time (<c>invalid-recall-deadline</c>).</exception>
    public static RecallPass Plan(IReadOnlyList<PositivePoolHeader> pools, IReadOnlyList<BarcodeRange> orders, DateTimeOffset at, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(orders);
        if (deadline <= TimeSpan.Zero) throw new DomainException("invalid-recall-deadline", "A recall deadline is a positive time.");
        if (pools.Count == 0) throw new ArgumentException("A pass recalls at least one pool.", nameof(pools));
        if (orders.Count == 0 || orders.Any(r => r.Prefix != orders[0].Prefix))
            throw new ArgumentException("A pass orders its tubes from ranges of one prefix.", nameof(orders));

        var starts = new int[orders.Count];
        long barcodes = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            starts[i] = checked((int)barcodes);
            barcodes += orders[i].Count;
        }

        var ids = RecallCaseId.NewAscending(pools.Count);

        var planned = new RecallPassPool[pools.Count];
        var tubes = new HashSet<TubeId>();
        long people = 0;
        for (var i = 0; i < pools.Count; i++)
        {
            var pool = pools[i];
            if (pool.Members < 1) throw new ArgumentException($"Pool {pool.Barcode} has no members.", nameof(pools));
            if (!tubes.Add(pool.Tube)) throw new ArgumentException($"Pool {pool.Barcode} is in the pass twice.", nameof(pools));
            if (people + pool.Members > barcodes)
                throw new ArgumentException($"The pass has {barcodes:N0} order barcodes, too few for the people of its pools.", nameof(orders));
            planned[i] = new RecallPassPool(ids[i], pool.Tube, pool.Barcode, pool.Submitter, pool.Site, pool.Members, (int)people);
            people += pool.Members;
        }
        return new RecallPass(planned, orders, starts, at, deadline);
    }

    /// <summary>The order barcode with the given ordinal in the pass.</summary>
    public Barcode OrderBarcode(int ordinal)
    {
        var range = Array.BinarySearch(_orderStarts, ordinal);
        if (range < 0) range = ~range - 1;
        if (ordinal < 0 || ordinal - _orderStarts[range] >= Orders[range].Count)
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, "The pass has no such order barcode.");
        return Orders[range][ordinal - _orderStarts[range]];
    }

    /// <summary>
    /// Opens a pool's case in memory: its people in position order (as many as the pool was planned with) bound to the
    /// pool's order barcodes in turn.
    /// </summary>
    public RecallCase Open(RecallPassPool pool, IEnumerable<PoolMember> people)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(people);
        var members = people.OrderBy(m => m.Position).Take(pool.Members).ToList();
        var barcodes = new Barcode[members.Count];
        for (var i = 0; i < barcodes.Length; i++) barcodes[i] = OrderBarcode(pool.FirstOrder + i);
        return RecallCase.Open(pool.Case, new PositivePool(pool.Tube, pool.Barcode, pool.Submitter, pool.Site, members), barcodes, OpenedAt, Deadline);
    }
}

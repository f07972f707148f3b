using Lims.Domain.Common;

namespace Lims.Domain.Pools.Designs;

/// <summary>
/// A Steiner triple system STS(v): triples of the points 0 … v−1 such that every pair of points lies in exactly one
/// triple. It exists for v ≡ 1 or 3 (mod 6); there are v(v−1)/6 triples and each point lies in (v−1)/2 of them.
/// Made by the Bose construction for v ≡ 3 (mod 6) and the Skolem construction for v ≡ 1 (mod 6) (Lindner &amp;
/// Rodger, <i>Design Theory</i>, §1.2–1.3).
/// </summary>
public static class SteinerTripleSystem
{
    public static bool Exists(int v) => v >= 3 && (v % 6 == 1 || v % 6 == 3);

    public static int TripleCount(int v) => v * (v - 1) / 6;

    /// <summary>The triples, three ascending points each, the triples in construction order.</summary>
    public static int[][] Triples(int v)
    {
        if (v < 7 || !Exists(v))
            throw new DomainException("invalid-steiner-order", $"A Steiner triple system is made here for v ≡ 1 or 3 (mod 6), v ≥ 7 (7, 9, 13, 15, 19, 21, …); {v} is not one.");
        var triples = new List<int[]>(TripleCount(v));
        if (v % 6 == 3) Bose(v, triples);
        else Skolem(v, triples);
        return [.. triples];
    }

    /// <summary>
    /// v = 6n + 3 on Z_{2n+1} × Z_3 with the idempotent commutative quasigroup x∘y = (n+1)(x+y) mod 2n+1:
    /// {(x,0),(x,1),(x,2)} for every x, and {(x,i),(y,i),(x∘y,i+1)} for x &lt; y.
    /// </summary>
    private static void Bose(int v, List<int[]> triples)
    {
        var m = v / 3; // 2n + 1
        var half = (m + 1) / 2; // n + 1, the inverse of 2 modulo 2n + 1
        int Point(int x, int i) => x + m * (i % 3);
        for (var x = 0; x < m; x++) triples.Add(Sorted(Point(x, 0), Point(x, 1), Point(x, 2)));
        for (var i = 0; i < 3; i++)
            for (var x = 0; x < m; x++)
                for (var y = x + 1; y < m; y++)
                    triples.Add(Sorted(Point(x, i), Point(y, i), Point(half * (x + y) % m, i + 1)));
    }

    /// <summary>
    /// v = 6n + 1 on {∞} ∪ Z_{2n} × Z_3 with the half-idempotent commutative quasigroup x∘y = s/2 for even
    /// s = (x+y) mod 2n and (s−1)/2 + n for odd s: {(x,0),(x,1),(x,2)} for x &lt; n, {∞,(x+n,i),(x,i+1)} for x &lt; n,
    /// and {(x,i),(y,i),(x∘y,i+1)} for x &lt; y.
    /// </summary>
    private static void Skolem(int v, List<int[]> triples)
    {
        var m = (v - 1) / 3; // 2n
        var n = m / 2;
        var infinity = v - 1;
        int Point(int x, int i) => x + m * (i % 3);
        int Op(int x, int y)
        {
            var s = (x + y) % m;
            return s % 2 == 0 ? s / 2 : (s - 1) / 2 + n;
        }
        for (var x = 0; x < n; x++) triples.Add(Sorted(Point(x, 0), Point(x, 1), Point(x, 2)));
        for (var i = 0; i < 3; i++)
            for (var x = 0; x < n; x++)
                triples.Add(Sorted(infinity, Point(x + n, i), Point(x, i + 1)));
        for (var i = 0; i < 3; i++)
            for (var x = 0; x < m; x++)
                for (var y = x + 1; y < m; y++)
                    triples.Add(Sorted(Point(x, i), Point(y, i), Point(Op(x, y), i + 1)));
    }

    private static int[] Sorted(int a, int b, int c)
    {
        int[] t = [a, b, c];
        Array.Sort(t);
        return t;
    }
}

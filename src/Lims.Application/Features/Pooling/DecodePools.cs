using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;
using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Pooling;

/// <summary>
/// Decodes pool results against a design sent with them (nothing is stored): COMP, DD and SCOMP calls, unexplained
/// positive pools, retests most likely first. A pool of the design without a result is not tested. With
/// <paramref name="CountRegisteredTubes"/>, samples that are registered pooled tubes count as their swabs (their number
/// of people), so a design pooling real tubes is held to the dilution cap and never pools a collection pool again;
/// without it (<c>lims pool decode</c> on files) every sample is one swab and no database is read. What the decoder
/// refuses is a <see cref="PoolingInputException"/> naming the field of the request it lies in.
/// </summary>
/// <param name="CtCutoff">A pool is positive below this Ct (default 40); a null Ct is negative.</param>
/// <param name="DilutionCap">
/// The most swabs a pool of this design may hold (default the lab's 20): a design file made elsewhere (P-BEST pooled 48
/// samples a pool) is analysed under its own cap. A registered pooled tube is still never pooled again, whatever the cap.
/// </param>
public sealed record DecodePools(
    IReadOnlyList<PoolMembership?>? Design, IReadOnlyList<PoolReading?>? Results, double? CtCutoff, bool CountRegisteredTubes = true, int? DilutionCap = null)
    : IQuery<PoolDecodeReport>;

public sealed record PoolMembership(string? Pool, string? Sample);

/// <param name="Ct">Null is negative.</param>
public sealed record PoolReading(string? Pool, double? Ct);

public sealed class DecodePoolsValidator : AbstractValidator<DecodePools>
{
    public DecodePoolsValidator()
    {
        RuleFor(q => q.Design).Must(d => d is { Count: > 0 })
            .WithMessage("The design is a non-empty list of memberships { \"pool\", \"sample\" }.").OverridePropertyName("design");
        RuleFor(q => q.Results).NotNull().WithMessage("The results are a list of { \"pool\", \"ct\" } (a null Ct is negative).").OverridePropertyName("results");
        RuleForEach(q => q.Design).Must(m => !string.IsNullOrWhiteSpace(m?.Sample))
            .WithMessage("A membership names a sample (and the pool it is in).").OverridePropertyName("design");
        RuleForEach(q => q.Results).Must(r => !string.IsNullOrWhiteSpace(r?.Pool))
            .WithMessage("A result names its pool.").OverridePropertyName("results");
        RuleFor(q => q.DilutionCap).InclusiveBetween(2, PoolingPlanner.MaxDilutionCap).When(q => q.DilutionCap is not null)
            .WithMessage(q => $"The dilution cap (most swabs behind one reaction) is between 2 and {PoolingPlanner.MaxDilutionCap}; got {q.DilutionCap}.")
            .OverridePropertyName("dilutionCap");
    }
}

public sealed class DecodePoolsHandler(ILimsDbContext db) : IQueryHandler<DecodePools, PoolDecodeReport>
{
    public async ValueTask<PoolDecodeReport> Handle(DecodePools query, CancellationToken cancellationToken)
    {
        var design = query.Design!.Select(m => (Pool: m!.Pool?.Trim() ?? "", Sample: m.Sample!.Trim())).ToList();
        var swabs = query.CountRegisteredTubes ? await SwabsAsync(design.Select(m => m.Sample), cancellationToken) : null;
        try
        {
            return PoolDecodeReport.Decode(design, query.Results!.Select(r => (r!.Pool!.Trim(), r.Ct)), query.CtCutoff ?? PoolResults.DefaultCtCutoff,
                query.DilutionCap ?? PoolDesign.DefaultDilutionCap, swabs: swabs);
        }
        catch (DomainException e) when (e is not PoolingInputException)
        {
            throw new PoolingInputException(e.Code, FieldOf(e.Code), e.Message);
        }
    }

    /// <summary>The field of the request a decoder's refusal is about.</summary>
    private static string FieldOf(string code) => code switch
    {
        "unknown-pool" or "duplicate-result" or "invalid-ct" => "results",
        "invalid-ct-cutoff" => "ctCutoff",
        "invalid-dilution-cap" => "dilutionCap",
        _ => "design",
    };

    /// <summary>The swabs behind the samples that are registered pooled tubes; other ids are one swab each.</summary>
    private async Task<IReadOnlyDictionary<string, int>> SwabsAsync(IEnumerable<string> samples, CancellationToken cancellationToken)
    {
        var barcodes = samples.Distinct(StringComparer.Ordinal)
            .Select(s => Barcode.TryParse(s, out var b) ? b : (Barcode?)null).OfType<Barcode>().ToList();
        if (barcodes.Count == 0) return new Dictionary<string, int>();
        var pooled = await db.Tubes.AsNoTracking()
            .Where(t => barcodes.Contains(t.Barcode) && t.Kind == TubeKind.Pooled)
            .Select(t => new { t.Barcode, Swabs = t.Members.Count })
            .ToListAsync(cancellationToken);
        return pooled.ToDictionary(t => t.Barcode.Value, t => t.Swabs, StringComparer.Ordinal);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Lims.Api.Auth;
using Lims.Application.Features.Pooling;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lims.Api.Endpoints;

/// <summary>
/// Pooling analysis for the lab, as <c>lims pool</c> answers it: a design's operating characteristics, the best design
/// for the current prevalence, the prevalence behind pool results. Pure computations; out-of-range input is 400.
/// </summary>
public static class PoolAnalysisEndpoints
{
    /// <param name="Se">A number for every stage, or an array with one per stage.</param>
    /// <param name="Sp">A number for every stage, or an array with one per stage.</param>
    public sealed record EvaluateRequest(
        string? Strategy,
        int? Size,
        IReadOnlyList<int>? Stages,
        double? Prevalence,
        [property: JsonConverter(typeof(OneOrMoreNumbers))] IReadOnlyList<double>? Se,
        [property: JsonConverter(typeof(OneOrMoreNumbers))] IReadOnlyList<double>? Sp);

    public sealed record OptimizeRequest(double? Prevalence, double? Se, double? Sp, int? MaxSize, IReadOnlyList<string>? Strategies, double? MinPse);

    public sealed record PrevalenceRequest(int? Pools, int? Positive, int? Size);

    public static void MapPoolAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        var pooling = app.MapGroup("/api/v1/pooling").WithTags("Pooling analysis").RequireAuthorization(ApiKeyAuthenticationHandler.LabPolicy);
        pooling.MapPost("/evaluate", Evaluate).ProducesValidationProblem()
            .WithSummary("Expected tests, pooling sensitivity, specificity and predictive values of one design (dorfman, three-stage, array, array-master), for any size.");
        pooling.MapPost("/optimize", Optimize).ProducesValidationProblem()
            .WithSummary("The design with the fewest expected tests per person within the dilution cap (default 20 swabs per reaction), and the runners-up.");
        pooling.MapPost("/prevalence", Prevalence).ProducesValidationProblem()
            .WithSummary("The prevalence behind X positive of N pools of k: maximum-likelihood estimate and 95 % Clopper–Pearson interval.");
        pooling.MapGet("/prevalence/observed", Observed).ProducesValidationProblem()
            .WithSummary("The prevalence behind the collection pools' results per site, day and pool size (?from=YYYY-MM-DD&to=…&site=…), with the planner's best design when se and sp are given.");
    }

    private static async Task<Ok<IReadOnlyList<ObservedPrevalenceView>>> Observed(
        DateOnly from, DateOnly to, string? site, double? se, double? sp, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetObservedPrevalence(from, to, site, se, sp), cancellationToken));

    private static async Task<Ok<PoolEvaluationView>> Evaluate(EvaluateRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new EvaluatePoolingScheme(request.Strategy, request.Size, request.Stages, request.Prevalence, request.Se, request.Sp), cancellationToken));

    private static async Task<Ok<PoolOptimizationView>> Optimize(OptimizeRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new OptimizePooling(request.Prevalence, request.Se, request.Sp, request.MaxSize, request.Strategies, request.MinPse), cancellationToken));

    private static async Task<Ok<PrevalenceView>> Prevalence(PrevalenceRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new EstimatePrevalence(request.Pools, request.Positive, request.Size), cancellationToken));

    /// <summary>Reads <c>0.99</c> as [0.99] and <c>[0.95, 0.95, 0.99]</c> as it is.</summary>
    private sealed class OneOrMoreNumbers : JsonConverter<IReadOnlyList<double>>
    {
        public override IReadOnlyList<double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number) return [reader.GetDouble()];
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a number or an array of numbers.");
            var values = new List<double>(3);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number) throw new JsonException("Expected a number or an array of numbers.");
                values.Add(reader.GetDouble());
            }
            return values;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var v in value) writer.WriteNumberValue(v);
            writer.WriteEndArray();
        }
    }
}

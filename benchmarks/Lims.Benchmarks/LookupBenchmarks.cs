using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lims.Application.Abstractions;
using Lims.Application.Features.Lookup;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Security;

namespace Lims.Benchmarks;

/// <summary>
/// The look-up's work inside the API for one found person (5 results), without HTTP and without the database: the baseline is
/// the keyed hash of the id alone.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class LookupBenchmarks
{
    private const long Person = 4242;
    private PersonIdProtector _protector = null!;
    private LookUpResultsHandler _handler = null!;
    private readonly LookUpResultsValidator _validator = new();
    private LookUpResults _query = null!;
    private string _payload = "";

    [GlobalSetup]
    public void Setup()
    {
        _protector = InProcess.NewProtector();
        (_, _payload, _) = LookupLoad.Payload(_protector, Person, 5);
        _handler = new LookUpResultsHandler(new StoredPayload(_payload), _protector);
        _query = new LookUpResults(null, LookupLoad.Id(Person), LookupLoad.Name(Person));
        if (Handle().Result is not { Results.Count: 5 }) throw new InvalidOperationException("The seeded person is not found.");
    }

    [GlobalCleanup]
    public void Cleanup() => _protector.Dispose();

    [Benchmark(Baseline = true, Description = "keyed hash of the id")]
    public byte[] PersonHash() => ((ILookupHasher)_protector).PersonHash(PersonId.Create(PersonIdType.CnResident, _query.IdNumber));

    [Benchmark(Description = "validate the query")]
    public bool Validate() => _validator.Validate(_query).IsValid;

    [Benchmark(Description = "read the stored payload")]
    public int ReadPayload() => LookupPayload.Read(_payload).Results.Count;

    [Benchmark(Description = "handler: hashes, read, match the name, answer")]
    public ValueTask<LookupAnswer?> Handle() => _handler.Handle(_query, CancellationToken.None);

    [Benchmark(Description = "handler + answer as JSON")]
    public async Task<int> HandleAndWrite() => JsonSerializer.SerializeToUtf8Bytes(await _handler.Handle(_query, CancellationToken.None), JsonSerializerOptions.Web).Length;

    private sealed class StoredPayload(string payload) : ILookupReader
    {
        public ValueTask<string?> ReadAsync(byte[] personHash, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(payload);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lims.Application.Features.Batches;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Security;
using Lims.Scenarios;

namespace Lims.Benchmarks;

/// <summary>
/// Short runs (1 launch, 3 warm-up, 3 measured iterations), in process: the suite takes minutes, and
/// it measures the assemblies as built rather than rebuilding the solution into a generated project.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        // Next to the built benchmarks (bin/Release/net10.0/BenchmarkDotNet.Artifacts), not wherever `dotnet run` was started.
        ArtifactsPath = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}

/// <summary>
/// One batch of 1,000 pooled tubes × 10 people (10,000 people, ~1.3 MB of JSON) through the
/// in-process part of registration, against parsing the JSON alone.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class RegistrationBenchmarks
{
    public const int Tubes = 1_000;
    public const int People = 10;

    private byte[] _body = [];
    private InProcess _full = null!;
    private InProcess _noCrypto = null!;
    private PersonIdProtector _protector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = BatchData.Body("BENCH", 0, Tubes, People);
        _protector = InProcess.NewProtector();
        _full = new InProcess(_protector);
        _noCrypto = new InProcess(new PlainProtector());
        var check = RegisterWith(_full);
        if (check != Tubes) throw new InvalidOperationException($"Only {check} of {Tubes} tubes were accepted.");
    }

    [GlobalCleanup]
    public void Cleanup() => _protector.Dispose();

    [Benchmark(Baseline = true, Description = "JSON parse only")]
    public int ParseJson() => Parse().Tubes!.Count;

    [Benchmark(Description = "parse + validate + Tube.Register, no crypto")]
    public int ParseAndRegisterWithoutCrypto() => RegisterWith(_noCrypto);

    [Benchmark(Description = "parse + validate + Protect + Tube.Register (full)")]
    public int ParseAndRegister() => RegisterWith(_full);

    private BatchRequest Parse() => BatchJson.Read(_body);

    private int RegisterWith(InProcess process) =>
        process.RegisterAsync(Parse(), _body).AsTask().GetAwaiter().GetResult().Receipt.Accepted;
}

/// <summary>Per person id (1,000 valid resident ids per invocation): validation, masking, lookup hash, full protection.</summary>
[Config(typeof(ShortInProcessConfig))]
public class PersonIdBenchmarks
{
    private const int Count = 1_000;
    private string[] _numbers = [];
    private PersonId[] _ids = [];
    private PersonIdProtector _protector = null!;
    private AesGcm _aes = null!;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [GlobalSetup]
    public void Setup()
    {
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        _numbers = [.. Enumerable.Range(0, Count).Select(n => Population.ResidentId(123_456 + (n * 7919L)))];
        _ids = [.. _numbers.Select(n => PersonId.Create(PersonIdType.CnResident, n))];
        _protector = InProcess.NewProtector();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _protector.Dispose();
        _aes.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "TryCreate (validate resident id)")]
    public int Validate()
    {
        var valid = 0;
        foreach (var number in _numbers)
            if (PersonId.TryCreate(PersonIdType.CnResident, number, out _, out _)) valid++;
        return valid;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "Masked")]
    public int Mask()
    {
        var length = 0;
        foreach (var id in _ids) length += id.Masked.Length;
        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "LookupHash (HMAC-SHA256)")]
    public int LookupHash()
    {
        var sum = 0;
        foreach (var id in _ids) sum += _protector.LookupHash(id)[0];
        return sum;
    }

    // The parts of Protect, to see where its time goes.

    [Benchmark(OperationsPerInvoke = Count, Description = "  part: RandomNumberGenerator.Fill(12 bytes)")]
    public int Nonce()
    {
        Span<byte> nonce = stackalloc byte[12];
        var sum = 0;
        for (var i = 0; i < Count; i++)
        {
            RandomNumberGenerator.Fill(nonce);
            sum += nonce[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "  part: AesGcm.Encrypt(18 bytes)")]
    public int Encrypt()
    {
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> plain = stackalloc byte[18];
        Span<byte> cipher = stackalloc byte[18];
        Span<byte> tag = stackalloc byte[16];
        var sum = 0;
        foreach (var id in _ids)
        {
            Encoding.ASCII.GetBytes(id.Number, plain);
            _aes.Encrypt(nonce, plain, cipher, tag);
            sum += tag[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "  part: HMACSHA256.HashData(key, 30 bytes)")]
    public int Hmac()
    {
        Span<byte> input = stackalloc byte[30];
        Span<byte> hash = stackalloc byte[32];
        var sum = 0;
        for (var i = 0; i < Count; i++)
        {
            input[0] = (byte)i;
            HMACSHA256.HashData(_key, input, hash);
            sum += hash[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "Protect (AES-GCM + HMAC + mask)")]
    public int Protect()
    {
        var sum = 0;
        foreach (var id in _ids) sum += _protector.Protect(id).Cipher.Length;
        return sum;
    }
}

using System.Security.Cryptography;
using System.Text;
using Lims.Application.Abstractions;
using Lims.Application.Features.Batches;
using Lims.Domain.Common;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Security;

namespace Lims.Benchmarks;

/// <summary>
/// The in-process part of <c>POST /api/v1/batches</c> without a database: the real
/// <see cref="RegisterBatchHandler"/> (validation, <see cref="IPersonIdProtector.Protect"/> per
/// person, <see cref="Tube.Register"/>, receipt) with a writer that keeps the tubes instead of writing them.
/// </summary>
public sealed class InProcess
{
    public static readonly SubmitterId Submitter = new(Guid.Parse("0195a000-0000-7000-8000-000000000001"));

    public InProcess(IPersonIdProtector protector)
    {
        Writer = new CapturingWriter();
        Handler = new RegisterBatchHandler(Writer, null!, protector, TimeProvider.System);
    }

    public CapturingWriter Writer { get; }
    public RegisterBatchHandler Handler { get; }

    public static PersonIdProtector NewProtector() =>
        new(new PersonalDataKeys(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));

    public ValueTask<RegisterBatchResult> RegisterAsync(BatchRequest batch, byte[] body, SubmitterId? submitter = null) =>
        Handler.Handle(new RegisterBatch(submitter ?? Submitter, "api:bench", Guid.NewGuid().ToString(), SHA256.HashData(body), batch), CancellationToken.None);
}

/// <summary>Keeps the last batch instead of writing it; every tube counts as new.</summary>
public sealed class CapturingWriter : IBatchRegistrationWriter
{
    public Submission? Submission { get; private set; }
    public IReadOnlyList<Tube> Tubes { get; private set; } = [];

    public Task<bool> WriteAsync(Submission submission, IReadOnlyList<Tube> tubes, Action<IReadOnlyList<int>> complete, CancellationToken cancellationToken)
    {
        Submission = submission;
        Tubes = tubes;
        complete([]);
        return Task.FromResult(true);
    }
}

/// <summary>No cryptography: the id's own bytes stand for cipher and lookup hash. Isolates the cost of AES-GCM + HMAC.</summary>
public sealed class PlainProtector : IPersonIdProtector
{
    public ProtectedPersonId Protect(PersonId id)
    {
        var bytes = Encoding.ASCII.GetBytes(id.Number);
        return new ProtectedPersonId(id.Type, bytes, bytes, id.Masked);
    }
}

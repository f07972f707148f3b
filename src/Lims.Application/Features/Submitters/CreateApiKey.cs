using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>Issues a new API key for a submitter. The key is in the answer and nowhere else: only its hash is stored.</summary>
public sealed record CreateApiKey(string SubmitterCode) : ICommand<IssuedApiKey>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator() => RuleFor(c => c.SubmitterCode).NotEmpty().OverridePropertyName("submitter");
}

public sealed class CreateApiKeyHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CreateApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        var submitter = await db.Submitters.AsNoTracking().Where(s => s.Code == command.SubmitterCode).Select(s => (Guid?)s.Id.Value)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no submitter '{command.SubmitterCode}'; create it first with `lims submitter create`.");
        var key = ApiKeys.Generate();
        var apiKey = ApiKey.Issue(new(submitter), ApiKeys.Hash(key), key[..ApiKeys.PrefixLength], time.GetUtcNow());
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(command.SubmitterCode, key, apiKey.Prefix, apiKey.Id);
    }
}

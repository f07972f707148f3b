using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Mediator;

namespace Lims.Application.Features.Submitters;

/// <summary>Issues a key for a lab bench station (scanner, instrument PC), printed once like a submitter's.</summary>
public sealed record CreateStationApiKey(string Station) : ICommand<IssuedApiKey>;

public sealed class CreateStationApiKeyValidator : AbstractValidator<CreateStationApiKey>
{
    public CreateStationApiKeyValidator() =>
        RuleFor(c => c.Station).Must(Submitter.IsValidCode).WithMessage("A station name has 2–32 lowercase letters, digits or dashes.").OverridePropertyName("station");
}

public sealed class CreateStationApiKeyHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CreateStationApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(CreateStationApiKey command, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        var apiKey = ApiKey.IssueForStation(command.Station, ApiKeys.Hash(key), key[..ApiKeys.PrefixLength], time.GetUtcNow());
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(command.Station, key, apiKey.Prefix, apiKey.Id);
    }
}

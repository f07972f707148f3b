using System.Security.Cryptography;
using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Submitters;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Submitters;

/// <summary>Issues a new API key for a submitter. The key is in the answer and nowhere else: only its hash is stored.</summary>
public sealed record CreateApiKey(string SubmitterCode) : ICommand<IssuedApiKey>;

public sealed record IssuedApiKey(string SubmitterCode, string Key, string Prefix);

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator() => RuleFor(c => c.SubmitterCode).NotEmpty();
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
        return new IssuedApiKey(command.SubmitterCode, key, apiKey.Prefix);
    }
}

/// <summary>Issues a key for a lab bench station (scanner, instrument PC), printed once like a submitter's.</summary>
public sealed record CreateStationApiKey(string Station) : ICommand<IssuedApiKey>;

public sealed class CreateStationApiKeyValidator : AbstractValidator<CreateStationApiKey>
{
    public CreateStationApiKeyValidator() =>
        RuleFor(c => c.Station).Must(Submitter.IsValidCode).WithMessage("A station name has 2–32 lowercase letters, digits or dashes.");
}

public sealed class CreateStationApiKeyHandler(ILimsDbContext db, TimeProvider time) : ICommandHandler<CreateStationApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(CreateStationApiKey command, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        db.ApiKeys.Add(ApiKey.IssueForStation(command.Station, ApiKeys.Hash(key), key[..ApiKeys.PrefixLength], time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(command.Station, key, key[..ApiKeys.PrefixLength]);
    }
}

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const int PrefixLength = 10;

    /// <summary>"lims_" and 256 random bits in base64url.</summary>
    public static string Generate() =>
        "lims_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
}

using Lims.Application.Abstractions;
using Lims.Domain.Reviews;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Application.Behaviors;

/// <summary>
/// An electronic signature: the signer re-enters their password for this one action. It is checked before the
/// command's transaction begins, so a refused signature counts towards the account's lockout and is recorded in the
/// audit trail whatever becomes of the command; the handler reads the verified signer from <see cref="Signatures"/>.
/// </summary>
public interface ISignedCommand
{
    string UserName { get; }
    string Password { get; }

    /// <summary>Whether the message carries a signature: false for a command that may go unsigned and was sent so.</summary>
    bool IsSigned => true;
}

/// <summary>The signatures verified in this scope, by command.</summary>
public sealed class Signatures
{
    private readonly Dictionary<ISignedCommand, Signer> _verified = new(ReferenceEqualityComparer.Instance);

    internal void Add(ISignedCommand command, Signer signer) => _verified[command] = signer;

    /// <summary>Who signed <paramref name="command"/>; it was checked by <see cref="SignatureBehavior{TMessage, TResponse}"/>.</summary>
    public Signer Of(ISignedCommand command) =>
        _verified.TryGetValue(command, out var signer)
            ? signer
            : throw new InvalidOperationException($"{command.GetType().Name} was not signed: it must be sent through the pipeline.");

    /// <summary>Who signed <paramref name="command"/>, or null when it came without a signature (<see cref="ISignedCommand.IsSigned"/>).</summary>
    public Signer? Find(ISignedCommand command) => command.IsSigned ? Of(command) : null;
}

public sealed class SignatureBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ISignedCommand { IsSigned: true } signed)
        {
            var accounts = services.GetRequiredService<IStaffAccounts>();
            var user = await accounts.SignAsync(signed.UserName, signed.Password, cancellationToken);
            services.GetRequiredService<Signatures>().Add(signed, new Signer(user.UserName, user.Role));
        }
        return await next(message, cancellationToken);
    }
}

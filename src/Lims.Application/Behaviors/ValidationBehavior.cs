using FluentValidation;
using Lims.Application.Abstractions;
using Mediator;

namespace Lims.Application.Behaviors;

/// <summary>Validates every message with its FluentValidation validators, whoever sends it (HTTP, CLI or a job).</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors ??= [];
                var key = failure.PropertyName;
                if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
                list.Add(failure.ErrorMessage);
            }
        }
        if (errors is not null)
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return await next(message, cancellationToken);
    }
}

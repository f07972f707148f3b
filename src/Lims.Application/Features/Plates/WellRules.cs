using FluentValidation;
using Lims.Domain.Plates;

namespace Lims.Application.Features.Plates;

internal static class WellRules
{
    /// <summary>The text names a well ("A1", "a01"); a refusal says why in the parser's words.</summary>
    public static IRuleBuilderOptions<T, string?> Well<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(w => WellPosition.TryParse(w, out _, out _))
            .WithMessage((_, w) => WellPosition.TryParse(w, out var _, out var error) ? "" : error);
}

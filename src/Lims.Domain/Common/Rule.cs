using System.Linq.Expressions;

namespace Lims.Domain.Common;

/// <summary>
/// A rule the database applies set-based (a query, an <c>ExecuteUpdate</c>) and the domain applies to one aggregate,
/// written once as an expression of the aggregate and an argument (the time, a window). The set-based path takes
/// <see cref="With"/>, the in-memory path <see cref="IsMetBy"/>: both are the same expression, so they cannot drift.
/// </summary>
public sealed class Rule<T, TArg>(Expression<Func<T, TArg, bool>> rule)
{
    private readonly Func<T, TArg, bool> _compiled = rule.Compile();

    /// <summary>The rule for one argument, as a query predicate; the argument reaches SQL as a parameter.</summary>
    public Expression<Func<T, bool>> With(TArg argument)
    {
        var value = Expression.Property(Expression.Constant(new Argument(argument)), nameof(Argument.Value));
        return Expression.Lambda<Func<T, bool>>(new Substitute(rule.Parameters[1], value).Visit(rule.Body), rule.Parameters[0]);
    }

    public bool IsMetBy(T subject, TArg argument) => _compiled(subject, argument);

    // A member read off an object (not a constant) is what query providers turn into a parameter.
    private sealed class Argument(TArg value)
    {
        public TArg Value { get; } = value;
    }

    private sealed class Substitute(ParameterExpression parameter, Expression by) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? by : base.VisitParameter(node);
    }
}

using System.Linq.Expressions;

namespace Lims.Domain.Common;

/// <summary>
/// A rule the database applies set-based (a query, an <c>ExecuteUpdate</c>) and the domain applies to one aggregate,
/// written once as an expression of the aggregate and an argument (the time, a window). The set-based path takes
/// <see cref="With"/>, the in-memory path <see cref="IsMetBy"/>: both are the same expression, so they cannot drift.
/// </summary>
public sealed class Rule<T, TArg>(Expression<Func<T, TArg, bool>> rule)
{
    private readonly Formula<T, TArg, bool> _formula = new(rule);

    /// <summary>The rule for one argument, as a query predicate; the argument reaches SQL as a parameter.</summary>
    public Expression<Func<T, bool>> With(TArg argument) => _formula.With(argument);

    /// <summary>The rule's negation for one argument, as a query predicate.</summary>
    public Expression<Func<T, bool>> NotWith(TArg argument)
    {
        var rule = _formula.With(argument);
        return Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters);
    }

    public bool IsMetBy(T subject, TArg argument) => _formula.Of(subject, argument);
}

/// <summary>
/// A value the database computes set-based (the new value of a column in an <c>ExecuteUpdate</c>) and the domain computes
/// for one aggregate, written once as an expression of the aggregate and an argument, like <see cref="Rule{T, TArg}"/>.
/// </summary>
public sealed class Formula<T, TArg, TResult>(Expression<Func<T, TArg, TResult>> formula)
{
    private readonly Func<T, TArg, TResult> _compiled = formula.Compile();

    /// <summary>The formula for one argument, as an expression of the aggregate; the argument reaches SQL as a parameter.</summary>
    public Expression<Func<T, TResult>> With(TArg argument)
    {
        var value = Expression.Property(Expression.Constant(new Argument(argument)), nameof(Argument.Value));
        return Expression.Lambda<Func<T, TResult>>(new Substitute(formula.Parameters[1], value).Visit(formula.Body), formula.Parameters[0]);
    }

    public TResult Of(T subject, TArg argument) => _compiled(subject, argument);

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

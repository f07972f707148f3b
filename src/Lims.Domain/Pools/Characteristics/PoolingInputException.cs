using Lims.Domain.Common;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>
/// An input to pooling analysis is out of its range (a prevalence of 1.2, a sensitivity of 0, a pool of one, stages that
/// do not nest). <see cref="Field"/> names the input as the interfaces spell it (<c>prevalence</c>, <c>se</c>, <c>size</c>, ...).
/// </summary>
public sealed class PoolingInputException(string code, string field, string message) : DomainException(code, message)
{
    public string Field { get; } = field;
}

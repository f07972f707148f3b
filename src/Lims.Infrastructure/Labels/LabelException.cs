namespace Lims.Infrastructure.Labels;

/// <summary>A label or barcode that cannot be made as asked; the message says why, in one line.</summary>
public sealed class LabelException(string message) : Exception(message);

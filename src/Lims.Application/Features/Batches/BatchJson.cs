using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Domain.Common;

namespace Lims.Application.Features.Batches;

/// <summary>
/// The JSON batch as the API reads it: camelCase, a key given twice anywhere refused (as the FHIR endpoint's parser does:
/// which of the two would count is anyone's guess), a batch-level field it does not know refused; fields a tube or member
/// does not know are kept and refused with that tube (<see cref="TubeRequestValidator"/>).
/// </summary>
public static class BatchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerOptions.Web) { AllowDuplicateProperties = false };

    /// <summary>The batch in <paramref name="body"/>; a body that is not one is a <see cref="RequestValidationException"/> naming the field.</summary>
    public static BatchRequest Read(ReadOnlySpan<byte> body)
    {
        BatchRequest? batch;
        try
        {
            batch = JsonSerializer.Deserialize<BatchRequest>(body, Options);
        }
        catch (JsonException e)
        {
            var (field, message) = JsonErrors.Describe(e, typeof(BatchRequest), Options);
            throw Refused(field.Length == 0 ? "body" : field, $"The body is not a valid batch: {message}");
        }
        return batch ?? throw Refused("body", "The body is not a valid batch: it is null.");
    }

    private static RequestValidationException Refused(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

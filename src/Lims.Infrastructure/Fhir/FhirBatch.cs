using Hl7.Fhir.Model;
using Lims.Application.Abstractions;
using Lims.Application.Features.Batches;

namespace Lims.Infrastructure.Fhir;

/// <summary>
/// A Bundle read as a batch, and its answer: a transaction-response Bundle with one entry per request entry, in
/// order. An entry is <c>201 Created</c> when every tube it belongs to was registered (a tube's Specimen, its members'
/// Specimens and Patients, the ServiceRequests that order it), else <c>400 Bad Request</c> with an OperationOutcome
/// listing every reason of each rejected tube, each issue pointing (FHIRPath) at the element of the request at fault.
/// </summary>
internal sealed class FhirBatch(BatchRequest batch, IReadOnlyList<TubeMap> tubes, IReadOnlyList<int[]> entryTubes) : IFhirBatch
{
    public BatchRequest Batch { get; } = batch;

    public byte[] Answer(BatchReceipt receipt)
    {
        var rejected = receipt.Rejected.ToDictionary(r => r.Index);
        var answer = new Bundle
        {
            Type = Bundle.BundleType.TransactionResponse,
            Identifier = new Identifier(FhirSystems.Rfc3986, $"urn:uuid:{receipt.BatchId}"),
        };
        foreach (var own in entryTubes)
        {
            var refused = own.Where(rejected.ContainsKey).ToList();
            var response = new Bundle.ResponseComponent { Status = refused.Count == 0 ? "201 Created" : "400 Bad Request" };
            if (refused.Count > 0)
                response.Outcome = new OperationOutcome { Issue = [.. refused.SelectMany(t => Issues(tubes[t], rejected[t]))] };
            answer.Entry.Add(new Bundle.EntryComponent { Response = response });
        }
        return FhirJson.SerializeToBytes(answer);
    }

    private IEnumerable<OperationOutcome.IssueComponent> Issues(TubeMap tube, TubeRejection rejection) =>
        rejection.Errors.Select(error => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = error.Message.Contains("already registered", StringComparison.Ordinal) || error.Message.Contains("more than once", StringComparison.Ordinal)
                ? OperationOutcome.IssueType.Duplicate
                : OperationOutcome.IssueType.Invalid,
            Details = new CodeableConcept { Text = Message(tube, error) },
            Diagnostics = $"Tube {rejection.Barcode ?? "without a barcode"} (Bundle.entry[{tube.Entry}]), batch field '{error.Field}'",
            Expression = [Expression(tube, error.Field)],
        });

    /// <summary>The batch rule's message, in FHIR words where the JSON batch's would mislead.</summary>
    private static string Message(TubeMap tube, FieldError error) => Member(error.Field) switch
    {
        (_, "idType") => $"The Patient has no identifier in a system Lims takes ({FhirSystems.CnResident}, {FhirSystems.PassportPrefix}XXX, {FhirSystems.Passport}, {FhirSystems.OtherId}).",
        (_, "") when error.Message.EndsWith("not null.", StringComparison.Ordinal) => "The member's Specimen has no subject: whose swab is it?",
        _ => error.Field switch
        {
            "priority" => "No ServiceRequest of the Bundle orders this tube (ServiceRequest.specimen), so it has no priority.",
            "site" => $"{error.Message} Give it as ServiceRequest.locationReference.display or locationCode.text.",
            "members" when !tube.Pooled && tube.People.Length == 0 => "A single tube's Specimen needs a subject (the Patient); a pooled tube's lists its members' Specimens in parent.",
            _ => error.Message,
        },
    };

    /// <summary>The FHIRPath, in the request Bundle, of the element a batch field came from.</summary>
    private static string Expression(TubeMap tube, string field)
    {
        string At(int entry, string element) => $"Bundle.entry[{entry}].resource{(element.Length == 0 ? "" : "." + element)}";
        var request = tube.Requests.Length > 0 ? tube.Requests[0] : (int?)null;
        if (Member(field) is var (position, part))
        {
            var patient = position < tube.People.Length ? tube.People[position] : null;
            return part switch
            {
                "idType" or "idNumber" when patient is { } p => At(p, "identifier"),
                "name" when patient is { } p => At(p, "name"),
                "phone" when patient is { } p => At(p, "telecom"),
                _ when tube.Pooled && position < tube.Members.Length => At(tube.Members[position], "subject"),
                _ => At(tube.Entry, tube.Pooled ? $"parent[{position}]" : "subject"),
            };
        }
        return field switch
        {
            "barcode" => At(tube.Entry, "container.identifier"),
            "capacity" => At(tube.Entry, "container.capacity"),
            "collectedAt" => At(tube.Entry, "collection.collected"),
            "members" => At(tube.Entry, tube.Pooled ? "parent" : "subject"),
            "priority" when request is { } r => At(r, "priority"),
            "site" when request is { } r => At(r, "locationReference"),
            _ => At(tube.Entry, ""),
        };
    }

    /// <summary><c>members[3].idNumber</c> → (3, "idNumber"); <c>members[3]</c> → (3, ""); anything else → null.</summary>
    private static (int Position, string Part)? Member(string field)
    {
        if (!field.StartsWith("members[", StringComparison.Ordinal)) return null;
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || !int.TryParse(field.AsSpan(8, close - 8), out var position)) return null;
        return (position, close + 1 < field.Length ? field[(close + 2)..] : "");
    }
}

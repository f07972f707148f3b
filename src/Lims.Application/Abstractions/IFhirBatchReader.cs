using Lims.Application.Features.Batches;

namespace Lims.Application.Abstractions;

/// <summary>Reads an HL7 FHIR R4 transaction Bundle of Patient, Specimen and ServiceRequest resources as a batch of tubes.</summary>
public interface IFhirBatchReader
{
    /// <exception cref="RequestValidationException">
    /// The body is not JSON, not a FHIR R4 transaction Bundle, or one of its entries cannot be read as part of a tube
    /// (a reference to nothing in the Bundle, a resource type Lims does not take, ...): every problem keyed by its
    /// FHIRPath (<c>Bundle.entry[3].resource.parent[0]</c>), its message naming the entry's index and fullUrl.
    /// </exception>
    IFhirBatch Read(byte[] bundle);
}

/// <summary>A Bundle read as a batch: the tubes to register, and how to answer the Bundle entry by entry.</summary>
public interface IFhirBatch
{
    BatchRequest Batch { get; }

    /// <summary>The transaction-response Bundle (FHIR JSON, UTF-8): one entry per entry of the request, in order.</summary>
    byte[] Answer(BatchReceipt receipt);
}

using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Lims.Infrastructure.Fhir;

/// <summary>FHIR R4 JSON with the SDK's own parser and serializer.</summary>
public static class FhirJson
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>
    /// The SDK's strict deserializer: every syntax error, unknown element, wrong type, bad code and broken
    /// cardinality is reported (with its FHIRPath), nothing ends up in overflow.
    /// </summary>
    public static FhirJsonDeserializer Parser { get; } = FhirJsonDeserializer.STRICT;

    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Base resource) => Serializer.SerializeToString(resource);

    public static byte[] SerializeToBytes(Base resource) => Serializer.SerializeToBytes(resource);
}

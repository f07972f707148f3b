namespace Lims.Infrastructure.Fhir;

/// <summary>
/// The identifier systems and code systems Lims reads and writes in FHIR. Lims's own naming systems live under
/// <see cref="Base"/>; published ones (LOINC, SNOMED CT, UCUM, HL7 passport namespaces) are used where they exist.
/// </summary>
public static class FhirSystems
{
    /// <summary>Root of the naming systems Lims defines itself.</summary>
    public const string Base = "https://lims.example.org/fhir/sid/";

    /// <summary>Patient.identifier: the 18-character resident identity card number of the People's Republic of China.</summary>
    public const string CnResident = Base + "cn-resident";

    /// <summary>Patient.identifier: a passport number whose issuing country is not given.</summary>
    public const string Passport = Base + "passport";

    /// <summary>HL7's passport namespaces, one per issuing country: <c>http://hl7.org/fhir/sid/passport-CHN</c>, ...</summary>
    public const string PassportPrefix = "http://hl7.org/fhir/sid/passport-";

    /// <summary>Patient.identifier: any other identity document number.</summary>
    public const string OtherId = Base + "other";

    /// <summary>Specimen.container.identifier written by Lims: the tube barcode (any system is read).</summary>
    public const string TubeBarcode = Base + "tube-barcode";

    /// <summary>Patient.identifier written by Lims: the masked identity document number, e.g. <c>1101**********002X</c>.</summary>
    public const string MaskedPersonId = Base + "masked-person-id";

    /// <summary>Patient.identifier echoed by Lims: the submitter's own id of the person, when it gave no system with it.</summary>
    public const string SubmitterPatientId = Base + "submitter-patient-id";

    /// <summary>Patient.identifier written by Lims: tube barcode and the person's position in it, e.g. <c>TB00000001/3</c>.</summary>
    public const string TubeMember = Base + "tube-member";

    /// <summary>DiagnosticReport.identifier: the released result and the person's position, e.g. <c>{resultId}/3</c>.</summary>
    public const string Result = Base + "result";

    /// <summary>Reference.identifier of a reviewer: the Lims user name.</summary>
    public const string User = Base + "user";

    /// <summary>Code system of the kits' targets (the Ct Observations' code): <c>ORF1ab</c>, <c>N</c>, ...</summary>
    public const string AssayTarget = Base + "assay-target";

    public const string Loinc = "http://loinc.org";
    public const string SnomedCt = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string DiagnosticServiceSection = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string Rfc3986 = "urn:ietf:rfc:3986";
}

/// <summary>The codes of a SARS-CoV-2 RT-PCR result.</summary>
public static class FhirCodes
{
    /// <summary>LOINC 94500-6: SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection.</summary>
    public const string SarsCov2RnaPresence = "94500-6";
    public const string SarsCov2RnaPresenceDisplay = "SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection";

    /// <summary>SNOMED CT 260373001 |Detected (qualifier value)|.</summary>
    public const string Detected = "260373001";

    /// <summary>SNOMED CT 260415000 |Not detected (qualifier value)|.</summary>
    public const string NotDetected = "260415000";

    /// <summary>UCUM annotation for a cycle threshold: <c>{Ct_value}</c>.</summary>
    public const string CtUnit = "{Ct_value}";
}

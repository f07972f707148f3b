namespace Lims.Application.Features.Submitters;

/// <summary>An API key just issued, for a submitter or a lab station (<paramref name="SubmitterCode"/> is then the station): shown once.</summary>
public sealed record IssuedApiKey(string SubmitterCode, string Key, string Prefix);

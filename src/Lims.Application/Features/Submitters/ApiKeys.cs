using System.Security.Cryptography;

namespace Lims.Application.Features.Submitters;

/// <summary>How API keys are made and stored: only their hash is kept.</summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const int PrefixLength = 10;

    /// <summary>"lims_" and 256 random bits in base64url.</summary>
    public static string Generate() =>
        "lims_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
}

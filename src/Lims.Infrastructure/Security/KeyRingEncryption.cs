using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure.Security;

/// <summary>
/// Encrypts the data-protection key ring (the keys staff bearer tokens are sealed with), which is stored in the database,
/// with a key that is not: AES-256-GCM under a key derived (HKDF-SHA256) from <c>Lims:Security:PersonalDataKey</c>. Whoever
/// reads the database alone cannot forge or open a token.
/// </summary>
public sealed class KeyRingEncryptor(PersonalDataKeys keys) : IXmlEncryptor
{
    internal const string ElementName = "limsEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedKey = new byte[KeyRingCipher.NonceSize + plain.Length + KeyRingCipher.TagSize];
        RandomNumberGenerator.Fill(sealedKey.AsSpan(0, KeyRingCipher.NonceSize));
        using (var aes = new AesGcm(KeyRingCipher.Key(keys), KeyRingCipher.TagSize))
            aes.Encrypt(sealedKey.AsSpan(0, KeyRingCipher.NonceSize), plain, sealedKey.AsSpan(KeyRingCipher.NonceSize, plain.Length),
                sealedKey.AsSpan(KeyRingCipher.NonceSize + plain.Length), KeyRingCipher.AssociatedData);
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(ElementName,
            new XComment(" AES-256-GCM, key derived from Lims:Security:PersonalDataKey "),
            new XElement("value", Convert.ToBase64String(sealedKey)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyRingEncryptor"/> sealed; made by the data-protection system from the element's decryptor type.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keys = services.GetRequiredService<PersonalDataKeys>();
        var sealedKey = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new CryptographicException($"The key ring element {encryptedElement.Name} has no value."));
        var length = sealedKey.Length - KeyRingCipher.NonceSize - KeyRingCipher.TagSize;
        if (length < 0) throw new CryptographicException("An encrypted key of the key ring is too short.");
        var plain = new byte[length];
        using (var aes = new AesGcm(KeyRingCipher.Key(keys), KeyRingCipher.TagSize))
            aes.Decrypt(sealedKey.AsSpan(0, KeyRingCipher.NonceSize), sealedKey.AsSpan(KeyRingCipher.NonceSize, length),
                sealedKey.AsSpan(KeyRingCipher.NonceSize + length), plain, KeyRingCipher.AssociatedData);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

internal static class KeyRingCipher
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public static ReadOnlySpan<byte> AssociatedData => "lims:data-protection-key-ring"u8;

    public static byte[] Key(PersonalDataKeys keys) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.EncryptionKey, 32, salt: [], info: "lims data-protection key ring"u8.ToArray());
}

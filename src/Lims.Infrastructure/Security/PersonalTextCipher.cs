using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lims.Infrastructure.Security;

/// <summary>What a protected text is: its purpose is bound to its cipher, so a name's cipher cannot be moved to a phone's column.</summary>
public enum PersonalText
{
    Name,
    Phone,
    WebhookSecret,
}

/// <summary>
/// Encrypts personal text at rest — members' names and phones, webhook secrets — with AES-256-GCM under the personal-data
/// key (<see cref="PersonalDataKeys.EncryptionKey"/>), a random nonce per value and the purpose as associated data:
/// <c>nonce (12) | cipher | tag (16)</c>. The EF model converts these columns with it, and the bulk writers call it.
/// It holds no disposable state (one cipher per thread, released with the thread), since a cached EF model keeps it.
/// </summary>
public sealed class PersonalTextCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int NoncesPerFill = 256;
    private readonly ThreadLocal<ThreadState>? _state;

    public PersonalTextCipher(PersonalDataKeys keys)
    {
        var key = keys.EncryptionKey;
        _state = new ThreadLocal<ThreadState>(() => new ThreadState(new AesGcm(key, TagSize)));
        Fingerprint = Convert.ToHexString(SHA256.HashData([.. "lims personal text:"u8, .. key]), 0, 8);
    }

    private PersonalTextCipher() => Fingerprint = "unkeyed";

    /// <summary>
    /// A cipher without keys, for the model of a context built without them (migrations, schema scripts): it maps the
    /// columns and refuses to encrypt or decrypt anything.
    /// </summary>
    public static PersonalTextCipher Unkeyed { get; } = new();

    /// <summary>Tells keys apart without revealing them: the EF model (which holds this cipher) is cached per fingerprint.</summary>
    public string Fingerprint { get; }

    public byte[] Protect(string text, PersonalText purpose)
    {
        var state = State;
        var length = Encoding.UTF8.GetByteCount(text);
        Span<byte> plain = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, plain);
        var sealedText = new byte[NonceSize + length + TagSize];
        var nonce = sealedText.AsSpan(0, NonceSize);
        state.NextNonce(nonce);
        state.Aes.Encrypt(nonce, plain, sealedText.AsSpan(NonceSize, length), sealedText.AsSpan(NonceSize + length), AssociatedData(purpose));
        plain.Clear();
        return sealedText;
    }

    public string Reveal(byte[] sealedText, PersonalText purpose)
    {
        var aes = State.Aes;
        if (sealedText.Length < NonceSize + TagSize)
            throw new CryptographicException($"A protected {purpose} is {sealedText.Length} bytes: too short to be one.");
        var length = sealedText.Length - NonceSize - TagSize;
        Span<byte> plain = length <= 512 ? stackalloc byte[length] : new byte[length];
        aes.Decrypt(sealedText.AsSpan(0, NonceSize), sealedText.AsSpan(NonceSize, length), sealedText.AsSpan(NonceSize + length), plain, AssociatedData(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The EF converter of a column of this purpose.</summary>
    public ValueConverter<string, byte[]> Converter(PersonalText purpose) => new(v => Protect(v, purpose), v => Reveal(v, purpose));

    /// <summary>The bytes a protected text of <paramref name="purpose"/> takes for a text of at most <paramref name="maxChars"/> characters.</summary>
    public static int MaxBytes(int maxChars) => NonceSize + 4 * maxChars + TagSize;

    private ThreadState State => _state?.Value
        ?? throw new InvalidOperationException("Personal data is encrypted: this database context was built without the personal-data key.");

    /// <summary>A thread's cipher and a block of random nonces (drawn 256 at a time: one OS call per value cost more than the encryption).</summary>
    private sealed class ThreadState(AesGcm aes)
    {
        private readonly byte[] _nonces = new byte[NonceSize * NoncesPerFill];
        private int _next = NoncesPerFill;

        public AesGcm Aes { get; } = aes;

        public void NextNonce(Span<byte> nonce)
        {
            if (_next == NoncesPerFill)
            {
                RandomNumberGenerator.Fill(_nonces);
                _next = 0;
            }
            var source = _nonces.AsSpan(_next++ * NonceSize, NonceSize);
            source.CopyTo(nonce);
            source.Clear(); // a nonce is used once
        }
    }

    private static ReadOnlySpan<byte> AssociatedData(PersonalText purpose) => purpose switch
    {
        PersonalText.Name => "lims:member-name"u8,
        PersonalText.Phone => "lims:member-phone"u8,
        PersonalText.WebhookSecret => "lims:webhook-secret"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };
}

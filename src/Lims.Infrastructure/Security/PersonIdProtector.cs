using Lims.Domain.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Microsoft.Extensions.Configuration;

namespace Lims.Infrastructure.Security;

/// <summary>
/// Encrypts person ids with AES-256-GCM (random nonce) and derives an HMAC-SHA256 lookup hash with
/// a second key, so the same person can be found again without the id ever being stored in clear.
/// </summary>
public sealed class PersonIdProtector : IPersonIdProtector, Lims.Application.Abstractions.IPersonIdRevealer, ILookupHasher, IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly ThreadLocal<ThreadState> _state;
    private int _disposed;

    public PersonIdProtector(PersonalDataKeys keys)
    {
        _state = new ThreadLocal<ThreadState>(() => new ThreadState(keys), trackAllValues: true);
    }

    public ProtectedPersonId Protect(PersonId id)
    {
        var state = _state.Value!;
        Span<byte> plain = stackalloc byte[64];
        var length = Encoding.ASCII.GetBytes(id.Number, plain);
        plain = plain[..length];

        var cipher = new byte[NonceSize + length + TagSize];
        var nonce = cipher.AsSpan(0, NonceSize);
        state.NextNonce(nonce);
        state.Aes.Encrypt(nonce, plain, cipher.AsSpan(NonceSize, length), cipher.AsSpan(NonceSize + length, TagSize));
        return new ProtectedPersonId(id.Type, cipher, LookupHash(state, id), id.Masked);
    }

    public byte[] LookupHash(PersonId id) => LookupHash(_state.Value!, id);

    byte[] ILookupHasher.PersonHash(PersonId id) => LookupHash(_state.Value!, id);

    /// <summary>
    /// HMAC of <c>"name:" + person hash + normalized name</c> with the lookup key: prefixed so that it can never equal an id's
    /// hash, and bound to the person so that equal names of different people do not hash alike.
    /// </summary>
    public byte[] NameHash(ReadOnlySpan<byte> personHash, string name)
    {
        var normalized = LookupName.Normalize(name);
        var length = NamePrefix.Length + personHash.Length + Encoding.UTF8.GetMaxByteCount(normalized.Length);
        var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            NamePrefix.CopyTo(input);
            personHash.CopyTo(input[NamePrefix.Length..]);
            var written = NamePrefix.Length + personHash.Length + Encoding.UTF8.GetBytes(normalized, input[(NamePrefix.Length + personHash.Length)..]);
            var hmac = _state.Value!.Hmac;
            hmac.AppendData(input[..written]);
            return hmac.GetHashAndReset();
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<byte> NamePrefix => "name:"u8;

    private static byte[] LookupHash(ThreadState state, PersonId id)
    {
        // "<type>:<number>", keyed: the same person always hashes the same, and nobody without the key can test guesses.
        Span<byte> input = stackalloc byte[80];
        var length = Encoding.ASCII.GetBytes(id.Type.ToWire(), input);
        input[length++] = (byte)':';
        length += Encoding.ASCII.GetBytes(id.Number, input[length..]);
        state.Hmac.AppendData(input[..length]);
        return state.Hmac.GetHashAndReset();
    }

    /// <summary>The clear id number, for the few places that must show or send it (never logs).</summary>
    public string Reveal(ProtectedPersonId id)
    {
        var length = id.Cipher.Length - NonceSize - TagSize;
        var plain = new byte[length];
        _state.Value!.Aes.Decrypt(id.Cipher.AsSpan(0, NonceSize), id.Cipher.AsSpan(NonceSize, length), id.Cipher.AsSpan(NonceSize + length), plain);
        return Encoding.ASCII.GetString(plain);
    }

    /// <summary>Safe to call twice: the container disposes it once per service type it is registered as.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var state in _state.Values) state.Dispose();
        _state.Dispose();
    }

    /// <summary>
    /// Per-thread cipher, keyed HMAC and a block of random nonces: asking the OS for 12 random bytes per
    /// person cost more than the encryption itself, so nonces are drawn 256 at a time.
    /// </summary>
    private sealed class ThreadState(PersonalDataKeys keys) : IDisposable
    {
        private const int NoncesPerFill = 256;
        private readonly byte[] _nonces = new byte[NonceSize * NoncesPerFill];
        private int _next = NoncesPerFill;

        public AesGcm Aes { get; } = new(keys.EncryptionKey, TagSize);
        public IncrementalHash Hmac { get; } = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.LookupKey);

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

        public void Dispose()
        {
            Aes.Dispose();
            Hmac.Dispose();
        }
    }
}

/// <summary>
/// The two 256-bit keys for personal data: <c>Lims:Security:PersonalDataKey</c> and
/// <c>Lims:Security:LookupKey</c>, base64. The embedded default makes them once and keeps them in
/// <c>keys.json</c> in its data directory; a server database needs them configured, since every
/// replica must share them.
/// </summary>
public sealed record PersonalDataKeys(byte[] EncryptionKey, byte[] LookupKey)
{
    public static PersonalDataKeys Load(IConfiguration configuration, string dataDirectory, bool allowKeyFile)
    {
        var encryption = configuration["Lims:Security:PersonalDataKey"];
        var lookup = configuration["Lims:Security:LookupKey"];
        if (!string.IsNullOrEmpty(encryption) && !string.IsNullOrEmpty(lookup))
            return new PersonalDataKeys(Decode(encryption, "PersonalDataKey"), Decode(lookup, "LookupKey"));
        if (!allowKeyFile)
            throw new InvalidOperationException(
                "Lims:Security:PersonalDataKey and Lims:Security:LookupKey (base64, 32 bytes each) are required with a server database.");

        var file = Path.Combine(dataDirectory, "keys.json");
        if (File.Exists(file))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"{file} is empty.");
            return new PersonalDataKeys(Decode(stored["PersonalDataKey"], "PersonalDataKey"), Decode(stored["LookupKey"], "LookupKey"));
        }
        Directory.CreateDirectory(dataDirectory);
        var keys = new PersonalDataKeys(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["PersonalDataKey"] = Convert.ToBase64String(keys.EncryptionKey),
            ["LookupKey"] = Convert.ToBase64String(keys.LookupKey),
        });
        // CreateNew: if another process made the file first, use theirs rather than overwrite it.
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Encoding.UTF8.GetBytes(json));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (IOException) when (File.Exists(file))
        {
            return Load(configuration, dataDirectory, allowKeyFile);
        }
        return keys;
    }

    private static byte[] Decode(string base64, string name)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32
            ? bytes
            : throw new InvalidOperationException($"Lims:Security:{name} must be 32 bytes in base64.");
    }
}

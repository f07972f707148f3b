using Lims.Domain.Tubes;

namespace Lims.Application.Abstractions;

/// <summary>
/// The keyed hashes the public look-up finds people by (HMAC-SHA256 with <c>Lims:Security:LookupKey</c>): nobody without
/// the key can test a guessed id or name against the stored hashes.
/// </summary>
public interface ILookupHasher
{
    /// <summary>The same hash as a member's stored id hash (<see cref="ProtectedPersonId.LookupHash"/>).</summary>
    byte[] PersonHash(PersonId id);

    /// <summary>The hash of the person's normalized name (<see cref="Domain.Results.LookupName.Normalize"/>), bound to the person's hash.</summary>
    byte[] NameHash(ReadOnlySpan<byte> personHash, string name);
}

/// <summary>Reads the look-up's read model: one primary-key read, outside any unit of work.</summary>
public interface ILookupReader
{
    /// <summary>The stored payload of the person with this hash, or null when nothing of theirs was released.</summary>
    ValueTask<string?> ReadAsync(byte[] personHash, CancellationToken cancellationToken);
}

using Lims.Domain.Tubes;
using Lims.Infrastructure.Security;

namespace Lims.Infrastructure.Tests.Security;

public sealed class PersonIdProtectorTests : IDisposable
{
    private static readonly PersonalDataKeys Keys = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)], [.. Enumerable.Range(50, 32).Select(i => (byte)i)]);
    private readonly PersonIdProtector _protector = new(Keys);

    public void Dispose() => _protector.Dispose();

    [Fact]
    public void A_protected_id_reveals_the_number_and_never_holds_it_in_clear()
    {
        var id = PersonId.Create(PersonIdType.CnResident, "11010519491231002X");

        var stored = _protector.Protect(id);

        Assert.Equal("11010519491231002X", _protector.Reveal(stored));
        Assert.DoesNotContain("19491231", System.Text.Encoding.ASCII.GetString(stored.Cipher), StringComparison.Ordinal);
        Assert.Equal("1101**********002X", stored.Masked);
    }

    [Fact]
    public void Every_encryption_uses_a_fresh_nonce_across_refills_of_the_nonce_block()
    {
        var id = PersonId.Create(PersonIdType.Passport, "E12345678");

        var nonces = Enumerable.Range(0, 1_000).Select(_ => Convert.ToHexString(_protector.Protect(id).Cipher.AsSpan(0, 12))).ToList();

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        Assert.DoesNotContain(new string('0', 24), nonces);
    }

    [Fact]
    public void The_lookup_hash_is_the_same_for_the_same_person_on_every_thread_and_differs_by_type_and_key()
    {
        var id = PersonId.Create(PersonIdType.Other, "AB-12345");
        var expected = Convert.ToHexString(_protector.LookupHash(id));

        var hashes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, _ => hashes.Add(Convert.ToHexString(_protector.Protect(id).LookupHash)));

        Assert.All(hashes, h => Assert.Equal(expected, h));
        Assert.Equal(expected, Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Keys.LookupKey, "other:AB-12345"u8)));
        Assert.NotEqual(expected, Convert.ToHexString(_protector.LookupHash(PersonId.Create(PersonIdType.Passport, "AB12345"))));
        using var otherKey = new PersonIdProtector(Keys with { LookupKey = new byte[32] });
        Assert.NotEqual(expected, Convert.ToHexString(otherKey.LookupHash(id)));
    }
}

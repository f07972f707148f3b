using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Domain.Tests;

public sealed class PersonIdTests
{
    private const string AllCheckCharacters = "0123456789X";

    /// <summary>
    /// ISO 7064 MOD 11-2 written from the standard rather than copied from the domain: the digit
    /// <c>k</c> places left of the check character weighs <c>2^k mod 11</c>, and the check value is
    /// <c>(12 - sum mod 11) mod 11</c>, written X when it is 10.
    /// </summary>
    private static char IndependentCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var weight = 1;
            for (var k = 0; k < 17 - i; k++) weight = weight * 2 % 11;
            sum += (first17[i] - '0') * weight;
        }
        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    private static string WithCheck(string first17) => first17 + IndependentCheckCharacter(first17);

    private static string ResidentError(string number)
    {
        Assert.False(PersonId.TryCreate(PersonIdType.CnResident, number, out var id, out var error));
        Assert.Equal(default, id);
        return error;
    }

    // --- resident ids: check character ---

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("110101199003074477")]
    public void Resident_id_with_a_correct_check_character_is_accepted(string number)
    {
        var id = PersonId.Create(PersonIdType.CnResident, number);

        Assert.Equal(PersonIdType.CnResident, id.Type);
        Assert.Equal(number, id.Number);
    }

    [Fact]
    public void The_independent_check_character_agrees_with_the_known_examples()
    {
        // Guards the test's own implementation against the two published-format examples.
        Assert.Equal('X', IndependentCheckCharacter("11010519491231002"));
        Assert.Equal('7', IndependentCheckCharacter("11010119900307447"));
    }

    [Theory]
    [InlineData("44030419851017261")]
    [InlineData("31011520000229123")]
    [InlineData("51010719000101000")]
    [InlineData("65010220231231999")]
    [InlineData("12345619770707001")]
    public void Resident_ids_completed_with_an_independently_computed_check_character_are_accepted(string first17)
    {
        var number = WithCheck(first17);

        Assert.True(PersonId.TryCreate(PersonIdType.CnResident, number, out var id, out var error), error);
        Assert.Equal(number, id.Number);
    }

    [Fact]
    public void ResidentCheckCharacter_agrees_with_the_standard_for_many_prefixes()
    {
        var random = new Random(20240301);
        var seen = new HashSet<char>();
        for (var n = 0; n < 2000; n++)
        {
            var first17 = string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
            var expected = IndependentCheckCharacter(first17);

            Assert.Equal(expected, PersonId.ResidentCheckCharacter(first17));
            seen.Add(expected);
        }
        // The sample exercised every one of the eleven possible check characters.
        Assert.Equal(AllCheckCharacters.Order(), seen.Order());
    }

    [Fact]
    public void Lowercase_x_check_character_is_normalised_to_uppercase()
    {
        var id = PersonId.Create(PersonIdType.CnResident, "11010519491231002x");

        Assert.Equal("11010519491231002X", id.Number);
        Assert.Equal(PersonId.Create(PersonIdType.CnResident, "11010519491231002X"), id);
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed()
    {
        var id = PersonId.Create(PersonIdType.CnResident, "  110101199003074477\t");

        Assert.Equal("110101199003074477", id.Number);
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010119900307447")]
    [InlineData("44030419851017261")]
    [InlineData("31011520000229123")]
    public void Every_wrong_check_character_is_rejected_naming_the_expected_one(string first17)
    {
        var right = IndependentCheckCharacter(first17);
        foreach (var wrong in AllCheckCharacters.Where(c => c != right))
        {
            var error = ResidentError(first17 + wrong);

            Assert.Equal($"The check character of this resident id is wrong: '{wrong}' where '{right}' was expected.", error);
        }
    }

    [Fact]
    public void A_single_mistyped_digit_is_caught_by_the_check_character()
    {
        const string valid = "110101199003074477";
        // Change the sequence number, keeping the birth date valid.
        for (var position = 14; position < 17; position++)
        {
            foreach (var digit in "0123456789".Where(d => d != valid[position]))
            {
                var typo = string.Concat(valid.AsSpan(0, position), digit.ToString(), valid.AsSpan(position + 1));
                Assert.Contains("check character", ResidentError(typo), StringComparison.Ordinal);
            }
        }
    }

    // --- resident ids: shape ---

    [Theory]
    [InlineData("1101051949123100", 16)]
    [InlineData("11010519491231002", 17)]
    [InlineData("11010519491231002X1", 19)]
    [InlineData("110105194912310", 15)]
    [InlineData("110105491231002", 15)]
    public void Resident_id_of_the_wrong_length_is_rejected(string number, int length)
    {
        Assert.Equal($"A resident id has 18 characters; this one has {length}.", ResidentError(number));
    }

    [Theory]
    [InlineData("1101A5194912310024", 5, 'A')]
    [InlineData("X10105194912310024", 1, 'X')]
    [InlineData("1101051949123100x4", 17, 'X')]
    [InlineData("11010b194912310024", 6, 'B')]
    [InlineData("110105-94912310024", 7, '-')]
    [InlineData("110105 94912310024", 7, ' ')]
    public void Resident_id_with_a_non_digit_in_the_first_17_is_rejected_naming_the_position(string number, int position, char shown)
    {
        Assert.Equal($"A resident id has digits in positions 1–17; position {position} is '{shown}'.", ResidentError(number));
    }

    [Fact]
    public void Resident_id_with_full_width_digits_is_rejected()
    {
        Assert.Contains("position 1 ", ResidentError("１10105194912310024"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010519491231002Y")]
    [InlineData("11010519491231002-")]
    [InlineData("11010519491231002*")]
    public void Resident_id_ending_in_something_other_than_a_digit_or_X_is_rejected(string number)
    {
        Assert.Equal("A resident id ends with a digit or X.", ResidentError(number));
    }

    [Theory]
    [InlineData("19491331")] // month 13
    [InlineData("19490001")] // month 0
    [InlineData("19490100")] // day 0
    [InlineData("19490132")] // day 32
    [InlineData("19490230")] // 30 February
    [InlineData("20010229")] // 29 February of a common year
    [InlineData("19000229")] // 1900 was not a leap year
    [InlineData("18991231")] // before 1900
    [InlineData("00000000")]
    public void Resident_id_with_an_impossible_birth_date_is_rejected(string birth)
    {
        var number = WithCheck("110105" + birth + "002");

        Assert.Equal($"A resident id holds a birth date in positions 7–14; '{birth}' is not one.", ResidentError(number));
    }

    [Theory]
    [InlineData("20000229")] // leap day of a leap century
    [InlineData("19000101")]
    [InlineData("19991231")]
    public void Resident_id_with_a_real_birth_date_is_accepted(string birth)
    {
        var number = WithCheck("110105" + birth + "002");

        Assert.True(PersonId.TryCreate(PersonIdType.CnResident, number, out _, out var error), error);
    }

    // --- missing numbers, and Create ---

    [Theory]
    [InlineData(PersonIdType.CnResident, null)]
    [InlineData(PersonIdType.CnResident, "")]
    [InlineData(PersonIdType.Passport, "   ")]
    [InlineData(PersonIdType.Other, "\t")]
    public void Missing_number_is_rejected_for_every_type(PersonIdType type, string? number)
    {
        Assert.False(PersonId.TryCreate(type, number, out _, out var error));
        Assert.Equal("An id number is required.", error);
    }

    [Theory]
    [InlineData(PersonIdType.CnResident, null)]
    [InlineData(PersonIdType.CnResident, "11010519491231002Y")]
    [InlineData(PersonIdType.CnResident, "110105194912310021")]
    [InlineData(PersonIdType.Passport, "E12")]
    [InlineData(PersonIdType.Other, "A")]
    public void Create_throws_invalid_person_id_with_the_same_message_as_TryCreate(PersonIdType type, string? number)
    {
        PersonId.TryCreate(type, number, out _, out var expected);

        var ex = Assert.Throws<DomainException>(() => PersonId.Create(type, number));

        Assert.Equal("invalid-person-id", ex.Code);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Resident_rules_do_not_apply_to_other_types()
    {
        // A resident number with a wrong check character is still a well-formed passport/other number.
        Assert.True(PersonId.TryCreate(PersonIdType.Passport, "110105194912310021", out _, out _));
        Assert.True(PersonId.TryCreate(PersonIdType.Other, "110105194912310021", out _, out _));
    }

    // --- passports ---

    [Theory]
    [InlineData("E1234")]
    [InlineData("E12345678")]
    [InlineData("G123456789ABCDEFGHIJ")]
    [InlineData("123456")]
    public void Passport_of_5_to_20_letters_and_digits_is_accepted(string number)
    {
        var id = PersonId.Create(PersonIdType.Passport, number);

        Assert.Equal(PersonIdType.Passport, id.Type);
        Assert.Equal(number, id.Number);
    }

    [Fact]
    public void Passport_is_uppercased_and_trimmed()
    {
        Assert.Equal("E12345678", PersonId.Create(PersonIdType.Passport, " e12345678 ").Number);
    }

    [Theory]
    [InlineData("E123", 4)]
    [InlineData("G123456789ABCDEFGHIJK", 21)]
    public void Passport_outside_5_to_20_characters_is_rejected(string number, int length)
    {
        Assert.False(PersonId.TryCreate(PersonIdType.Passport, number, out _, out var error));
        Assert.Equal($"A passport number has 5 to 20 characters; this one has {length}.", error);
    }

    [Theory]
    [InlineData("E1234-5678")]
    [InlineData("E1234 5678")]
    [InlineData("E1234.5678")]
    [InlineData("É12345678")]
    [InlineData("护照12345")]
    public void Passport_with_anything_but_ascii_letters_and_digits_is_rejected(string number)
    {
        Assert.False(PersonId.TryCreate(PersonIdType.Passport, number, out _, out var error));
        Assert.Equal("A passport number holds only letters and digits.", error);
    }

    // --- other documents ---

    [Theory]
    [InlineData("A1")]
    [InlineData("HK-A123456(7)")]
    [InlineData("AB 123")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void Other_id_of_2_to_40_printable_ascii_characters_is_accepted(string number)
    {
        var id = PersonId.Create(PersonIdType.Other, number);

        Assert.Equal(PersonIdType.Other, id.Type);
        Assert.Equal(number, id.Number);
    }

    [Theory]
    [InlineData("A", 1)]
    [InlineData("01234567890123456789012345678901234567890", 41)]
    public void Other_id_outside_2_to_40_characters_is_rejected(string number, int length)
    {
        Assert.False(PersonId.TryCreate(PersonIdType.Other, number, out _, out var error));
        Assert.Equal($"An id number has 2 to 40 characters; this one has {length}.", error);
    }

    [Theory]
    [InlineData("AB\t12")]
    [InlineData("AB\u000112")]
    [InlineData("AB\u007F12")]
    [InlineData("证件12345")]
    [InlineData("AB\u00A012")]
    public void Other_id_with_control_or_non_ascii_characters_is_rejected(string number)
    {
        Assert.False(PersonId.TryCreate(PersonIdType.Other, number, out _, out var error));
        Assert.Equal("An id number holds printable ASCII characters only.", error);
    }

    // --- masking ---

    [Theory]
    [InlineData("11010519491231002X", "1101**********002X")]
    [InlineData("110101199003074477", "1101**********4477")]
    [InlineData("E12345678", "E1*****78")]
    [InlineData("E1234", "E***4")]
    [InlineData("ABCDEFGH", "AB****GH")]
    [InlineData("G123456789ABCDEFGHIJ", "G123************GHIJ")]
    [InlineData("ABC", "***")]
    [InlineData("AB", "**")]
    [InlineData("", "")]
    public void Mask_keeps_the_first_and_last_quarter_up_to_four_characters(string number, string masked)
    {
        Assert.Equal(masked, PersonId.Mask(number));
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("110101199003074477")]
    [InlineData("440304198510172613")]
    public void Mask_of_a_resident_id_never_reveals_the_middle_ten_characters(string number)
    {
        var masked = PersonId.Mask(number);

        Assert.Equal(18, masked.Length);
        Assert.Equal(number[..4], masked[..4]);
        Assert.Equal(new string('*', 10), masked[4..14]);
        Assert.Equal(number[14..], masked[14..]);
    }

    [Fact]
    public void Mask_never_shows_more_than_half_of_any_number()
    {
        for (var length = 0; length <= 60; length++)
        {
            var number = new string('7', length);
            var shown = PersonId.Mask(number).Count(c => c != '*');

            Assert.Equal(length, PersonId.Mask(number).Length);
            Assert.True(shown <= length / 2, $"length {length} shows {shown}");
            Assert.True(shown <= 8, $"length {length} shows {shown}");
        }
    }

    [Theory]
    [InlineData(PersonIdType.CnResident, "11010519491231002X", "1101**********002X")]
    [InlineData(PersonIdType.Passport, "E12345678", "E1*****78")]
    [InlineData(PersonIdType.Other, "HK-A123456(7)", "HK-*******(7)")]
    public void Masked_and_ToString_show_only_the_masked_number(PersonIdType type, string number, string masked)
    {
        var id = PersonId.Create(type, number);

        Assert.Equal(masked, id.Masked);
        Assert.Equal(masked, id.ToString());
        Assert.Equal(masked, $"{id}");
        Assert.DoesNotContain(number, id.ToString(), StringComparison.Ordinal);
    }

    // --- id types on the wire ---

    [Theory]
    [InlineData(PersonIdType.CnResident, "cn-resident")]
    [InlineData(PersonIdType.Passport, "passport")]
    [InlineData(PersonIdType.Other, "other")]
    public void Id_type_has_a_wire_name_that_reads_back(PersonIdType type, string wire)
    {
        Assert.Equal(wire, type.ToWire());
        Assert.Equal(type, Wire.Parse<PersonIdType>(wire));
    }

    [Fact]
    public void Every_id_type_round_trips_through_its_wire_name()
    {
        foreach (var type in Enum.GetValues<PersonIdType>())
            Assert.Equal(type, Wire.Parse<PersonIdType>(type.ToWire()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CnResident")]
    [InlineData("id-card")]
    [InlineData("0")]
    public void Unknown_wire_name_reads_as_no_type(string? wire)
    {
        Assert.Null(Wire.Parse<PersonIdType>(wire));
    }

    // --- stored ids ---

    [Fact]
    public void Protected_ids_with_the_same_type_and_lookup_hash_are_the_same_person()
    {
        var a = new ProtectedPersonId(PersonIdType.CnResident, [1, 2], [9, 9, 9], "1101**********002X");
        var b = new ProtectedPersonId(PersonIdType.CnResident, [3, 4, 5], [9, 9, 9], "other mask");

        Assert.True(a.SamePersonAs(b));
        Assert.True(b.SamePersonAs(a));
    }

    [Fact]
    public void Protected_ids_with_another_lookup_hash_or_type_are_different_people()
    {
        var a = new ProtectedPersonId(PersonIdType.CnResident, [1], [9, 9, 9], "m");

        Assert.False(a.SamePersonAs(a with { LookupHash = [9, 9, 8] }));
        Assert.False(a.SamePersonAs(a with { LookupHash = [9, 9] }));
        Assert.False(a.SamePersonAs(a with { LookupHash = [9, 9, 9, 9] }));
        Assert.False(a.SamePersonAs(a with { Type = PersonIdType.Passport }));
        Assert.False(a.SamePersonAs(a with { Type = PersonIdType.Other }));
    }
}

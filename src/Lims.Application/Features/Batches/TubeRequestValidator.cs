using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Application.Features.Batches;

/// <summary>
/// Checks one tube of a batch and collects every reason it cannot be registered, using the
/// domain's own value objects so the rules live in one place. Hand-written rather than
/// FluentValidation: it runs for every tube of every batch and must also produce the values.
/// </summary>
internal static partial class TubeRequestValidator
{
    public const int MaxSiteLength = 100;
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 32;

    public sealed record ValidTube(Barcode Barcode, TubeKind Kind, int Capacity, DateTimeOffset CollectedAt, string Site, Priority Priority, IReadOnlyList<ValidMember> Members);

    public sealed record ValidMember(PersonId Id, string Name, string? Phone, string? PatientId, string? PatientIdSystem);

    public static ValidTube? Validate(TubeRequest? tube, DateTimeOffset now, List<FieldError> errors)
    {
        if (tube is null)
        {
            errors.Add(new("", "A tube is required, not null."));
            return null;
        }

        if (!Barcode.TryCreate(tube.Barcode, out var barcode, out var barcodeError)) errors.Add(new("barcode", barcodeError));

        var kind = Wire.Parse<TubeKind>(tube.Kind);
        if (kind is null)
            errors.Add(new("kind", tube.Kind is null ? $"A kind is required: {Wire.OneOf<TubeKind>()}." : $"Unknown kind {WireText.Quote(tube.Kind)}: {Wire.OneOf<TubeKind>()}."));

        // A single tube may leave its capacity out; a pooled one must say how many people it holds.
        var capacity = tube.Capacity ?? (kind == TubeKind.Single ? 1 : 0);
        var capacityValid = false;
        if (tube.Capacity is null && kind != TubeKind.Single) errors.Add(new("capacity", "A pooled tube needs a capacity: 5, 10 or 20."));
        else if (kind is { } k)
        {
            var capacityError = TubeCapacity.Check(k, capacity);
            if (capacityError is null) capacityValid = true;
            else errors.Add(new("capacity", capacityError));
        }

        Unknown(tube.Unknown, "", errors);

        var collectedAt = CollectionTime(tube.CollectedAt, now, errors);

        var site = tube.Site?.Trim();
        if (string.IsNullOrEmpty(site)) errors.Add(new("site", "The collection site is required."));
        else if (site.Length > MaxSiteLength) errors.Add(new("site", $"The collection site has at most {MaxSiteLength} characters."));
        else if (WireText.UnsafeCharacter(site) is { } c) errors.Add(new("site", Unsafe("The collection site", c)));

        var priority = Wire.Parse<Priority>(tube.Priority);
        if (priority is null)
            errors.Add(new("priority", tube.Priority is null
                ? $"A priority is required: {Wire.OneOf<Priority>()}."
                : $"Unknown priority {WireText.Quote(tube.Priority)}: {Wire.OneOf<Priority>()}."));

        var members = ValidateMembers(tube.Members, capacity, capacityValid, errors);

        return errors.Count == 0
            ? new ValidTube(barcode, kind!.Value, capacity, collectedAt!.Value, site!, priority!.Value, members!)
            : null;
    }

    private static List<ValidMember>? ValidateMembers(IReadOnlyList<MemberRequest?>? members, int capacity, bool capacityKnown, List<FieldError> errors)
    {
        if (members is null || members.Count == 0)
        {
            errors.Add(new("members", "A tube holds at least one person."));
            return null;
        }
        if (capacityKnown && members.Count > capacity)
            errors.Add(new("members", $"Too many people for the capacity: {members.Count} in a tube of {capacity}."));

        var valid = new List<ValidMember>(members.Count);
        var seen = new HashSet<(PersonIdType, string)>();
        for (var i = 0; i < members.Count; i++)
        {
            var field = $"members[{i}]";
            var member = members[i];
            if (member is null)
            {
                errors.Add(new(field, "A member is required, not null."));
                continue;
            }
            var before = errors.Count;
            Unknown(member.Unknown, field + ".", errors);
            var type = Wire.Parse<PersonIdType>(member.IdType);
            PersonId id = default;
            if (type is null)
                errors.Add(new($"{field}.idType", member.IdType is null
                    ? $"An id type is required: {Wire.OneOf<PersonIdType>()}."
                    : $"Unknown id type {WireText.Quote(member.IdType)}: {Wire.OneOf<PersonIdType>()}."));
            else if (!PersonId.TryCreate(type.Value, member.IdNumber, out id, out var idError))
                errors.Add(new($"{field}.idNumber", idError));
            else if (!seen.Add((id.Type, id.Number)))
                errors.Add(new($"{field}.idNumber", $"Person {id.Masked} appears more than once in this tube."));

            var name = member.Name?.Trim();
            if (string.IsNullOrEmpty(name)) errors.Add(new($"{field}.name", "A name is required."));
            else if (name.Length > MaxNameLength) errors.Add(new($"{field}.name", $"A name has at most {MaxNameLength} characters."));
            else if (WireText.UnsafeCharacter(name) is { } c) errors.Add(new($"{field}.name", Unsafe("A name", c)));

            var phone = string.IsNullOrWhiteSpace(member.Phone) ? null : member.Phone.Trim();
            if (phone is not null && (phone.Length > MaxPhoneLength || !IsPhone(phone)))
                errors.Add(new($"{field}.phone", "A phone number holds digits, spaces, '+', '-' and parentheses, at most 32 characters."));

            var patientId = string.IsNullOrWhiteSpace(member.PatientId) ? null : member.PatientId.Trim();
            if (patientId is not null && (patientId.Length > Member.MaxPatientIdLength || patientId.Any(char.IsControl)))
                errors.Add(new($"{field}.patientId", $"A patient id has 1 to {Member.MaxPatientIdLength} characters, none of them a control character."));
            if (member.PatientIdSystem is { Length: > Member.MaxPatientIdSystemLength })
                errors.Add(new($"{field}.patientIdSystem", $"A patient id's system has at most {Member.MaxPatientIdSystemLength} characters."));

            if (errors.Count == before) valid.Add(new ValidMember(id, name!, phone, patientId, member.PatientIdSystem));
        }
        return valid;
    }

    /// <summary>
    /// The collection time, which must carry its offset: a hospital's local time read as UTC would move every due time and
    /// turnaround by hours. ISO 8601 / RFC 3339 date and time, seconds and fractions optional, <c>Z</c> or <c>±hh:mm</c>.
    /// </summary>
    private static DateTimeOffset? CollectionTime(string? text, DateTimeOffset now, List<FieldError> errors)
    {
        if (text is null)
        {
            errors.Add(new("collectedAt", "The collection time is required."));
            return null;
        }
        // IsMatch allocates nothing (a Match with its groups would, per tube); in that shape, an offset is a final Z or ±hh:mm.
        var shaped = IsoDateTime().IsMatch(text);
        var offset = shaped && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
        if (!shaped || !DateTimeOffset.TryParse(offset ? text : text + "Z", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new("collectedAt", $"The collection time {WireText.Quote(text)} is not an ISO 8601 date and time with its offset, e.g. 2026-11-23T07:00:00+08:00."));
            return null;
        }
        if (!offset)
        {
            errors.Add(new("collectedAt", $"The collection time {WireText.Quote(text)} needs an offset, e.g. +08:00 ({text}+08:00), or Z for UTC."));
            return null;
        }
        if (Tube.CollectionTimeError(at, now) is { } error)
        {
            errors.Add(new("collectedAt", error));
            return null;
        }
        return at;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoDateTime();

    private static void Unknown(Dictionary<string, JsonElement>? unknown, string prefix, List<FieldError> errors)
    {
        if (unknown is null) return;
        foreach (var name in unknown.Keys)
            errors.Add(new(prefix + WireText.Cap(name, WireText.MaxQuoted), $"Unknown field {WireText.Quote(name)}: a batch takes only the fields the README lists."));
    }

    private static string Unsafe(string what, char c) =>
        $"{what} may not hold control or bidirectional-formatting characters ({WireText.CodePoint(c)}).";

    private static bool IsPhone(string phone)
    {
        var digits = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not (' ' or '+' or '-' or '(' or ')')) return false;
        }
        return digits >= 3;
    }
}

using Lims.Domain.Common;
using Lims.Domain.Tubes;

namespace Lims.Application.Features.Batches;

/// <summary>
/// Checks one tube of a batch and collects every reason it cannot be registered, using the
/// domain's own value objects so the rules live in one place. Hand-written rather than
/// FluentValidation: it runs for every tube of every batch and must also produce the values.
/// </summary>
internal static class TubeRequestValidator
{
    public const int MaxSiteLength = 100;
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 32;

    public sealed record ValidTube(Barcode Barcode, TubeKind Kind, int Capacity, DateTimeOffset CollectedAt, string Site, Priority Priority, IReadOnlyList<(PersonId Id, string Name, string? Phone)> Members);

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
            errors.Add(new("kind", tube.Kind is null ? $"A kind is required: {Wire.OneOf<TubeKind>()}." : $"Unknown kind '{tube.Kind}': {Wire.OneOf<TubeKind>()}."));

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

        if (tube.CollectedAt is null) errors.Add(new("collectedAt", "The collection time is required."));
        else if (tube.CollectedAt > now + Tube.AllowedClockSkew) errors.Add(new("collectedAt", "The collection time is in the future."));

        var site = tube.Site?.Trim();
        if (string.IsNullOrEmpty(site)) errors.Add(new("site", "The collection site is required."));
        else if (site.Length > MaxSiteLength) errors.Add(new("site", $"The collection site has at most {MaxSiteLength} characters."));

        var priority = Wire.Parse<Priority>(tube.Priority);
        if (priority is null)
            errors.Add(new("priority", tube.Priority is null
                ? $"A priority is required: {Wire.OneOf<Priority>()}."
                : $"Unknown priority '{tube.Priority}': {Wire.OneOf<Priority>()}."));

        var members = ValidateMembers(tube.Members, capacity, capacityValid, errors);

        return errors.Count == 0
            ? new ValidTube(barcode, kind!.Value, capacity, tube.CollectedAt!.Value, site!, priority!.Value, members!)
            : null;
    }

    private static List<(PersonId, string, string?)>? ValidateMembers(IReadOnlyList<MemberRequest?>? members, int capacity, bool capacityKnown, List<FieldError> errors)
    {
        if (members is null || members.Count == 0)
        {
            errors.Add(new("members", "A tube holds at least one person."));
            return null;
        }
        if (capacityKnown && members.Count > capacity)
            errors.Add(new("members", $"Too many people for the capacity: {members.Count} in a tube of {capacity}."));

        var valid = new List<(PersonId, string, string?)>(members.Count);
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
            var type = Wire.Parse<PersonIdType>(member.IdType);
            PersonId id = default;
            if (type is null)
                errors.Add(new($"{field}.idType", member.IdType is null
                    ? $"An id type is required: {Wire.OneOf<PersonIdType>()}."
                    : $"Unknown id type '{member.IdType}': {Wire.OneOf<PersonIdType>()}."));
            else if (!PersonId.TryCreate(type.Value, member.IdNumber, out id, out var idError))
                errors.Add(new($"{field}.idNumber", idError));
            else if (!seen.Add((id.Type, id.Number)))
                errors.Add(new($"{field}.idNumber", $"Person {id.Masked} appears more than once in this tube."));

            var name = member.Name?.Trim();
            if (string.IsNullOrEmpty(name)) errors.Add(new($"{field}.name", "A name is required."));
            else if (name.Length > MaxNameLength) errors.Add(new($"{field}.name", $"A name has at most {MaxNameLength} characters."));

            var phone = string.IsNullOrWhiteSpace(member.Phone) ? null : member.Phone.Trim();
            if (phone is not null && (phone.Length > MaxPhoneLength || !IsPhone(phone)))
                errors.Add(new($"{field}.phone", "A phone number holds digits, spaces, '+', '-' and parentheses, at most 32 characters."));

            if (errors.Count == before) valid.Add((id, name!, phone));
        }
        return valid;
    }

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

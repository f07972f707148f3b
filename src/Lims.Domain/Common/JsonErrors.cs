using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lims.Domain.Common;

/// <summary>
/// A <see cref="JsonException"/> from reading a document, told in the words of its wire: the field (its JSON path without
/// <c>$.</c>, empty for the document itself) and what was expected there ("a whole number", "an array"), found by walking the
/// document's JSON contract along the path. System.Text.Json's own messages name .NET types (<c>could not be converted to
/// System.Nullable`1[System.Int32]</c>), which are no business of a caller.
/// </summary>
public static class JsonErrors
{
    /// <summary>The field at fault and a message in words, for a document of <paramref name="root"/> read with <paramref name="options"/>.</summary>
    public static (string Field, string Message) Describe(JsonException exception, Type root, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var segments = Segments(exception.Path);
        var field = Field(segments);
        var message = exception.Message;
        var at = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $" (line {line + 1}, byte {position + 1})"
            : "";

        if (Quoted(message, "The JSON property '", "' could not be mapped") is { } unknown)
            return (field, $"Unknown field '{WireText.Quote(unknown, 64, quotes: false)}'.");
        if (Quoted(message, "Duplicate property '", "' encountered") is not null)
            return (field, $"The field {WireText.Quote(Last(segments) ?? "", 64)} is given more than once; each field is given once.");
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            var expected = Expected(root, segments, options);
            return (field, field.Length == 0 ? $"The body must be {expected}{at}." : $"{WireText.Quote(Last(segments) ?? field, 64)} must be {expected}{at}.");
        }
        // The reader's own words (a syntax error) carry no type, but a path and position already given above.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var syntax = cut < 0 ? message : message[..cut];
        if (syntax.Contains(".NET", StringComparison.Ordinal) || syntax.Contains("System.", StringComparison.Ordinal))
            syntax = "The value does not fit the field.";
        return (field, $"Not valid JSON{at}: {WireText.Cap(syntax, 200)}");
    }

    /// <summary>What a value of <paramref name="type"/> is on the wire, e.g. "a whole number".</summary>
    public static string Words(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong))
            return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(Guid)) return "a GUID (such as 0f8fad5b-d9cb-469f-a165-70867728950e)";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "an ISO 8601 date and time with its offset (such as 2026-11-23T07:00:00+08:00)";
        if (type == typeof(DateOnly)) return "a date (YYYY-MM-DD)";
        if (type == typeof(TimeSpan)) return "a duration (hh:mm:ss)";
        if (type.IsEnum) return "one of the names listed for it";
        if (type == typeof(JsonElement)) return "a JSON value";
        if (type != typeof(string) && typeof(IDictionary).IsAssignableFrom(type)) return "an object";
        if (type.IsArray || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))) return "an array";
        return "an object";
    }

    private static string Expected(Type root, IReadOnlyList<string> segments, JsonSerializerOptions options)
    {
        var type = root;
        try
        {
            foreach (var segment in segments)
            {
                var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
                if (segment.StartsWith('['))
                {
                    if (info.ElementType is not { } element) return "a value of another kind";
                    type = element;
                    continue;
                }
                JsonPropertyInfo? property = null;
                foreach (var p in info.Properties)
                    if (string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase)) { property = p; break; }
                if (property is null) return "a value of another kind";
                type = property.PropertyType;
            }
        }
        catch (NotSupportedException)
        {
            return "a value of another kind";
        }
        return Words(type);
    }

    /// <summary><c>$.tubes[0].members[1].name</c> → tubes, [0], members, [1], name; <c>$['a b']</c> → a b.</summary>
    private static List<string> Segments(string? path)
    {
        var segments = new List<string>();
        if (string.IsNullOrEmpty(path)) return segments;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '[')) end++;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) break;
                segments.Add(path[i..(end + 1)]);
                i = end + 1;
            }
            else i++;
        }
        return segments;
    }

    private static string Field(IReadOnlyList<string> segments)
    {
        var field = new StringBuilder();
        foreach (var segment in segments)
        {
            if (!segment.StartsWith('[') && field.Length > 0) field.Append('.');
            field.Append(segment);
        }
        return field.ToString();
    }

    private static string? Last(IReadOnlyList<string> segments)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
            if (!segments[i].StartsWith('[')) return segments[i];
        return null;
    }

    private static string? Quoted(string message, string before, string after)
    {
        if (!message.StartsWith(before, StringComparison.Ordinal)) return null;
        var end = message.IndexOf(after, before.Length, StringComparison.Ordinal);
        return end < 0 ? null : message[before.Length..end];
    }
}

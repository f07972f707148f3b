using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Lims.Infrastructure.Persistence.Configurations;

/// <summary>Small immutable lists stored as JSON text; they are replaced, never edited in place.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>() where T : class =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!);

    public static ValueComparer<T> Comparer<T>() where T : class =>
        new((a, b) => ReferenceEquals(a, b), v => v.GetHashCode(), v => v);
}

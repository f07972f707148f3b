using System.Reflection;
using System.Security.Cryptography;

namespace Lims.Domain.Staff;

/// <summary>
/// What a staff password must be, for every way one is set (an account created, a password changed or reset, over HTTP or
/// the command line): at least <see cref="MinLength"/> characters, not one character repeated, not the user name, and not
/// a common password — one of the list shipped with the code (<c>CommonPasswords.txt</c>), in any case, also with digits
/// or punctuation around it (<c>Password2026!</c> is <c>password</c>).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    /// <summary>Longer input is refused rather than hashed: a passphrase needs far fewer.</summary>
    public const int MaxLength = 128;
    public const int GeneratedLength = 16;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Why <paramref name="password"/> may not be used, or null when it may.</summary>
    public static string? Problem(string? password, string? userName = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return $"A password has at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"A password has at most {MaxLength} characters.";
        if (password.All(c => c == password[0])) return "A password is not one character repeated.";
        var key = password.Trim().ToLowerInvariant();
        if (userName is { Length: > 0 } && (key == userName.Trim().ToLowerInvariant() || Core(key) == userName.Trim().ToLowerInvariant()))
            return "A password is not the user name.";
        if (IsCommon(key)) return "This password is too common: choose another (a few unrelated words make a good one).";
        return null;
    }

    /// <summary>A password of <see cref="GeneratedLength"/> characters from an unambiguous alphabet (no 0/O, 1/l/I): ~93 bits.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        string password;
        do password = RandomNumberGenerator.GetString(alphabet, GeneratedLength);
        while (Problem(password) is not null);
        return password;
    }

    private static bool IsCommon(string key)
    {
        var common = Common.Value;
        var core = Core(key);
        return common.Contains(key) || common.Contains(key.Replace(" ", "", StringComparison.Ordinal))
            || (core.Length > 0 && (common.Contains(core) || common.Contains(core.Replace(" ", "", StringComparison.Ordinal))));
    }

    /// <summary>The password without the digits and punctuation people put around a word.</summary>
    private static string Core(string key) => key.Trim(Decoration);

    private static readonly char[] Decoration = [.. "0123456789!@#$%^&*()_+-=.,;:?~`'\"/\\|[]{}<> "];

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lims.Domain.Staff.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from Lims.Domain.");
        using var reader = new StreamReader(stream);
        HashSet<string> words = new(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word && !word.StartsWith('#')) words.Add(word.ToLowerInvariant());
        return words;
    }
}

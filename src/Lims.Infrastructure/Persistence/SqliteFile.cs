using Microsoft.Data.Sqlite;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// The embedded database file is readable by its owner only: created 0600 in a directory created 0700, and an existing
/// file open to others is narrowed to 0600. SQLite creates its <c>-wal</c> and <c>-shm</c> files with the database file's
/// permissions.
/// </summary>
public static class SqliteFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreatePrivate(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return;
        var file = Path.GetFullPath(builder.DataSource);
        if (Path.GetDirectoryName(file) is { } directory && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (OperatingSystem.IsWindows())
            return;
        if (!File.Exists(file))
        {
            try
            {
                using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process created it first: narrowed below like any existing file.
            }
        }
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
                File.SetUnixFileMode(path, OwnerOnly);
    }
}

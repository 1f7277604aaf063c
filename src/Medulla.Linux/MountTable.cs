using System.Globalization;
using System.Text;

namespace Medulla.Linux;

/// <summary>A device number: the major and minor numbers of a block or character device.</summary>
/// <param name="Major">The major number (the driver).</param>
/// <param name="Minor">The minor number (the device of that driver).</param>
internal readonly record struct DeviceNumber(uint Major, uint Minor)
{
    /// <summary>"major:minor", as /proc/self/mountinfo and /sys/dev name it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}:{Minor}");
}

/// <summary>One line of /proc/PID/mountinfo (proc(5)): a mount, where it is and what it mounts.</summary>
/// <param name="Device">The device number of the mounted file system (st_dev of its files).</param>
/// <param name="Root">The directory of the file system that is mounted (/ unless a bind mount of a subdirectory).</param>
/// <param name="MountPoint">Where it is mounted, in this mount namespace.</param>
/// <param name="MountOptions">The per-mount options (rw or ro first).</param>
/// <param name="FileSystemType">The file system type (ext4, tmpfs, ...).</param>
/// <param name="Source">The mount source (a device path, or a name such as "tmpfs").</param>
/// <param name="SuperOptions">The file system's options (rw or ro first: ext4 mounted with errors=remount-ro turns ro here after an error).</param>
internal sealed record MountEntry(DeviceNumber Device, string Root, string MountPoint, IReadOnlyList<string> MountOptions, string FileSystemType, string Source, IReadOnlyList<string> SuperOptions)
{
    /// <summary>Whether writes fail: the mount or the file system under it is read-only.</summary>
    public bool ReadOnly => MountOptions.Contains("ro") || SuperOptions.Contains("ro");
}

/// <summary>
/// The mounts of the calling thread's mount namespace, from /proc/thread-self/mountinfo: "thread-self" and
/// not "self" because a thread may have its own mount namespace (unshare(CLONE_NEWNS) on that thread), and
/// /proc/self shows the main thread's.
/// </summary>
internal static class MountTable
{
    /// <summary>Where the kernel lists the calling thread's mounts.</summary>
    public const string DefaultPath = "/proc/thread-self/mountinfo";

    /// <summary>Reads and parses the mount table.</summary>
    /// <exception cref="IOException">The file cannot be read, or a line is not in mountinfo's format.</exception>
    public static IReadOnlyList<MountEntry> Read(string path = DefaultPath) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// Parses mountinfo text: "ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE
    /// SUPER-OPTIONS", with spaces, tabs, newlines and backslashes in paths written as octal escapes.
    /// </summary>
    /// <exception cref="IOException">A line is not in that format; the message names the source and the line.</exception>
    public static IReadOnlyList<MountEntry> Parse(string text, string source = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<MountEntry>();
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            entries.Add(ParseLine(line) ?? throw new IOException($"{source}: not a mountinfo line: {line}"));
        }
        return entries;
    }

    /// <summary>The mount on <paramref name="mountPoint"/> that is visible there (the last one listed), or null.</summary>
    public static MountEntry? At(IReadOnlyList<MountEntry> table, string mountPoint)
    {
        string wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        if (wanted.Length == 0)
        {
            wanted = "/";
        }
        return table.LastOrDefault(e => string.Equals(e.MountPoint, wanted, StringComparison.Ordinal));
    }

    private static MountEntry? ParseLine(string line)
    {
        string[] fields = line.Split(' ');
        if (fields.Length < 10)
        {
            return null;
        }
        int separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0 || fields.Length < separator + 4)
        {
            return null;
        }
        string[] device = fields[2].Split(':');
        if (device.Length != 2
            || !uint.TryParse(device[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint major)
            || !uint.TryParse(device[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint minor))
        {
            return null;
        }
        return new MountEntry(new DeviceNumber(major, minor), Unescape(fields[3]), Unescape(fields[4]), fields[5].Split(','),
            Unescape(fields[separator + 1]), Unescape(fields[separator + 2]), fields[separator + 3].Split(','));
    }

    /// <summary>Resolves the kernel's octal escapes (\040 space, \011 tab, \012 newline, \134 backslash).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var bytes = new List<byte>(field.Length);
        byte[] raw = Encoding.UTF8.GetBytes(field);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\' && IsOctal(raw, i + 1))
            {
                bytes.Add((byte)(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(byte[] raw, int start) =>
        start + 2 < raw.Length && raw[start] is >= (byte)'0' and <= (byte)'3' && raw[start + 1] is >= (byte)'0' and <= (byte)'7' && raw[start + 2] is >= (byte)'0' and <= (byte)'7';
}

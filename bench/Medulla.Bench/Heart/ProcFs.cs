using System.Globalization;

namespace Medulla.Bench.Heart;

/// <summary>
/// Small reads from /proc for the heart bench. Every read may race with the process exiting: a vanished
/// file is null, not an error.
/// </summary>
internal static class ProcFs
{
    internal static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses:
    /// index 0 is the state (field 3 in proc(5)), 1 the parent PID, 11 and 12 utime and stime.
    /// </summary>
    internal static string[]? StatFields(string statPath)
    {
        string? stat = Read(statPath);
        int close = stat?.LastIndexOf(')') ?? -1;
        return close < 0 ? null : stat![(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    internal static int? ParentOf(int pid) =>
        StatFields($"/proc/{pid}/stat") is { Length: > 1 } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : null;

    /// <summary>The processes whose parent is <paramref name="pid"/>, by walking /proc (no CONFIG_PROC_CHILDREN needed).</summary>
    internal static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int candidate) && ParentOf(candidate) == pid)
            {
                children.Add(candidate);
            }
        }
        return children;
    }

    /// <summary>What /proc/PID/exe points at; null when the process is gone.</summary>
    internal static string? Executable(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The targets of the process's open descriptors (/proc/PID/fd/*).</summary>
    internal static List<string> OpenFiles(int pid)
    {
        string[] fds;
        try
        {
            fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
        var targets = new List<string>();
        foreach (string fd in fds)
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target)
                {
                    targets.Add(target);
                }
            }
            catch (IOException)
            {
                // Closed meanwhile.
            }
        }
        return targets;
    }

    /// <summary>A "Key:   123 kB" (or plain number) line of a /proc file, as a number; null when absent.</summary>
    internal static long? Number(string? text, string key)
    {
        foreach (string line in text?.Split('\n') ?? [])
        {
            if (line.StartsWith(key, StringComparison.Ordinal) && line.Length > key.Length && line[key.Length] == ':')
            {
                string value = line[(key.Length + 1)..].Trim();
                int space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}

namespace Medulla.Heart.Tests.Support;

/// <summary>Which processes have a file open (from /proc/PID/fd, as root sees it).</summary>
internal static class OpenFiles
{
    /// <summary>The processes other than this one with <paramref name="path"/> open.</summary>
    public static IReadOnlyList<int> HoldersOf(string path)
    {
        var holders = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                foreach (string fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == path)
                    {
                        holders.Add(pid);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or is not ours to look at.
            }
        }
        return holders;
    }

    /// <summary>How many descriptors of this process have <paramref name="path"/> open.</summary>
    public static int CountInThisProcess(string path) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == path;
            }
            catch (IOException)
            {
                return false;
            }
        });
}

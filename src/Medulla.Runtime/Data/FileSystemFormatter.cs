using System.Diagnostics;

namespace Medulla.Runtime;

/// <summary>
/// Makes a file system with the Debian tools, by argument vector (never a shell): <c>mkfs.ext4</c>
/// (e2fsprogs) with <c>-e remount-ro</c> so a later error turns the file system read-only instead of
/// corrupting it further, <c>mkfs.f2fs</c> (f2fs-tools) and <c>mkfs.vfat</c> (dosfstools).
/// </summary>
internal static class FileSystemFormatter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly string[] ToolDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The program and its arguments that format <paramref name="device"/> as <paramref name="fileSystemType"/>.</summary>
    internal static (string Tool, string Package, string[] Arguments) Command(string fileSystemType, string device) => fileSystemType switch
    {
        // -F: the device is a partition, not a whole disk, and may hold an old file system; -q: errors only.
        "ext4" => ("mkfs.ext4", "e2fsprogs", ["-F", "-q", "-e", "remount-ro", device]),
        "f2fs" => ("mkfs.f2fs", "f2fs-tools", ["-f", "-q", device]),
        "vfat" => ("mkfs.vfat", "dosfstools", [device]),
        _ => throw new DataPartitionException($"cannot format as '{fileSystemType}'; expected one of {string.Join(", ", DataPartitionSpec.FileSystemTypes)}"),
    };

    /// <summary>Formats the device; fails with the tool's own error output.</summary>
    /// <exception cref="DataPartitionException">The tool is missing, failed or did not finish in time.</exception>
    internal static void Format(string fileSystemType, string device)
    {
        (string tool, string package, string[] arguments) = Command(fileSystemType, device);
        string path = Find(tool) ?? throw new DataPartitionException($"cannot format {device} as {fileSystemType}: {tool} not found (Debian package {package})");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new DataPartitionException($"cannot start {path}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new DataPartitionException($"{tool} {device} did not finish within {Timeout.TotalMinutes:F0} minutes; stopped");
        }
        if (process.ExitCode != 0)
        {
            string said = (errors.GetAwaiter().GetResult() + output.GetAwaiter().GetResult()).Trim();
            throw new DataPartitionException($"{tool} {string.Join(' ', arguments)} failed with status {process.ExitCode}: {said}");
        }
    }

    private static string? Find(string tool) =>
        ToolDirectories.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}

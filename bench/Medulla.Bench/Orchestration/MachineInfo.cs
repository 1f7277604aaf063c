using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Medulla.Bench.Orchestration;

/// <summary>The machine and software the numbers come from.</summary>
internal sealed record MachineInfo(
    string Cpu, int Cores, string Memory, string Os, string Kernel, string Runtime, string Gc, string LogDirectory,
    IReadOnlyList<(string Name, string Version)> Libraries)
{
    /// <summary>Which source the libraries under test were built from (set by the parent).</summary>
    internal string? Source { get; init; }

    /// <summary>The report lines that describe the hardware and the OS, the same in every report.</summary>
    /// <summary>A report's "## Machine" heading and the hardware lines every report starts that section with.</summary>
    internal IEnumerable<string> MachineSection() =>
    [
        "## Machine",
        "",
        $"- CPU: {Cpu}, {Cores} cores visible to .NET",
        $"- Memory: {Memory}",
        $"- OS: {Os}, Linux kernel {Kernel}",
    ];

    internal static MachineInfo Collect()
    {
        string cpu = ReadKey("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        string memory = ReadKey("/proc/meminfo", "MemTotal", ':') is { } kib && long.TryParse(kib.Split(' ')[0], out long k)
            ? $"{k / 1024.0 / 1024.0:F1} GiB"
            : "unknown";
        string os = ReadKey("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        string kernel = TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "unknown";
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}";
        return new MachineInfo(cpu, Environment.ProcessorCount, memory, os, kernel, RuntimeInformation.FrameworkDescription, gc,
            LogDirectoryFileSystem(), LibraryVersions());
    }

    private static List<(string, string)> LibraryVersions()
    {
        Type[] markers =
        [
            typeof(Medulla.Logging.LogSystem),
            typeof(Serilog.Log),
            typeof(Serilog.LoggerConfigurationAsyncExtensions),
            typeof(Serilog.FileLoggerConfigurationExtensions),
            typeof(NLog.LogFactory),
            typeof(Microsoft.Extensions.Logging.LoggerFactory),
            typeof(Microsoft.Extensions.Logging.ConsoleLoggerExtensions),
        ];
        return [.. markers.Select(t => t.Assembly).Distinct().Select(a => (a.GetName().Name ?? "?", Version(a)))];
    }

    private static string Version(Assembly a)
    {
        string? v = a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (v is null)
        {
            return a.GetName().Version?.ToString() ?? "?";
        }
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? v[..plus] : v;
    }

    /// <summary>Type of the file system holding the temp directory, from /proc/mounts (longest mount point that contains it).</summary>
    private static string LogDirectoryFileSystem()
    {
        string temp = Path.GetFullPath(Path.GetTempPath());
        string? best = null;
        int bestLength = -1;
        foreach (string line in TryRead("/proc/mounts")?.Split('\n') ?? [])
        {
            string[] parts = line.Split(' ');
            if (parts.Length < 3)
            {
                continue;
            }
            string mount = parts[1];
            bool contains = temp.StartsWith(mount.EndsWith('/') ? mount : mount + "/", StringComparison.Ordinal) || temp == mount;
            if (contains && mount.Length > bestLength)
            {
                bestLength = mount.Length;
                best = $"{parts[2]} ({mount})";
            }
        }
        return $"{temp} on {best ?? "unknown"}";
    }

    private static string? ReadKey(string path, string key, char separator)
    {
        foreach (string line in TryRead(path)?.Split('\n') ?? [])
        {
            int at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == key)
            {
                return line[(at + 1)..].Trim();
            }
        }
        return null;
    }

    private static string? TryRead(string path)
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
}

using System.Diagnostics;

namespace Medulla.Bench.Syslog;

/// <summary>
/// The peers' programs, unpacked from their Debian packages into a cache instead of installed: installing
/// rsyslog would start it as the host's syslog daemon on /dev/log, and the bench must not change the host.
/// <c>apt-get download</c> fetches the packages (and the libraries rsyslog needs beyond a base system),
/// <c>dpkg -x</c> unpacks them; the programs run from there with <c>LD_LIBRARY_PATH</c>.
/// </summary>
internal sealed class PeerPackages
{
    /// <summary>busybox-static has no library dependencies; rsyslog needs these beside libc.</summary>
    private static readonly string[] Packages = ["busybox-static", "rsyslog", "libestr0", "libfastjson4", "liblognorm5"];

    private PeerPackages(string root) => Root = root;

    /// <summary>Where the packages are unpacked (a file-system root: usr/sbin, usr/lib, ...).</summary>
    internal string Root { get; }

    internal string Busybox => Path.Combine(Root, "bin", "busybox");

    internal string Rsyslogd => Path.Combine(Root, "usr", "sbin", "rsyslogd");

    internal string RsyslogModules => Path.Combine(Root, "usr", "lib", "x86_64-linux-gnu", "rsyslog");

    internal string LibraryPath => string.Join(':', Path.Combine(Root, "usr", "lib", "x86_64-linux-gnu"), Path.Combine(Root, "lib", "x86_64-linux-gnu"));

    /// <summary>Unpacks the packages once (kept under ~/.cache/medulla/bench-peers).</summary>
    internal static PeerPackages Ensure()
    {
        string cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "medulla", "bench-peers");
        var peers = new PeerPackages(Path.Combine(cache, "root"));
        if (File.Exists(peers.Busybox) && File.Exists(peers.Rsyslogd))
        {
            return peers;
        }
        string debs = Path.Combine(cache, "debs");
        Directory.CreateDirectory(debs);
        Run("apt-get", debs, ["download", .. Packages]);
        foreach (string deb in Directory.EnumerateFiles(debs, "*.deb"))
        {
            Run("dpkg", debs, ["-x", deb, peers.Root]);
        }
        if (!File.Exists(peers.Busybox) || !File.Exists(peers.Rsyslogd))
        {
            throw new InvalidOperationException($"unpacking {string.Join(", ", Packages)} into {peers.Root} did not give busybox and rsyslogd");
        }
        return peers;
    }

    private static void Run(string program, string directory, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using Process p = Process.Start(start)!;
        string error = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({p.ExitCode}): {error.Trim()}");
        }
    }
}

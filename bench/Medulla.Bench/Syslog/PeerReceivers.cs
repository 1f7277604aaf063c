using System.Diagnostics;
using System.Text;

namespace Medulla.Bench.Syslog;

/// <summary>
/// rsyslog as a distribution configures it for local logging, reduced to the path measured: imuxsock on
/// the bench's socket, one omfile action writing a line per message. Rate limiting is turned off (its
/// default would drop the burst, and every receiver here is measured lossless).
/// </summary>
internal sealed class RsyslogReceiver(PeerPackages peers) : SyslogReceiver
{
    private MarkerLines? _lines;

    internal override string Name => "rsyslog";

    internal override string Description =>
        "rsyslogd -n (8.2302, Debian's package) with imuxsock on the bench's socket (RateLimit.Interval=0) and one omfile action, line template `time severity app: msg`";

    internal override void Start(string directory)
    {
        SocketPath = Path.Combine(directory, "rsyslog.sock");
        OutputFile = Path.Combine(directory, "rsyslog.log");
        _lines = new MarkerLines(OutputFile, DatagramSenders.Marker);
        string config = Path.Combine(directory, "rsyslog.conf");
        File.WriteAllText(config, $"""
            global(workDirectory="{directory}")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{SocketPath}" RateLimit.Interval="0")
            template(name="line" type="string" string="%timegenerated:::date-rfc3339% %syslogseverity-text% %app-name%: %msg%\n")
            action(type="omfile" file="{OutputFile}" template="line")

            """, Encoding.ASCII);
        var start = new ProcessStartInfo(peers.Rsyslogd);
        foreach (string a in new[] { "-n", "-f", config, "-M", peers.RsyslogModules, "-i", Path.Combine(directory, "rsyslog.pid") })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["LD_LIBRARY_PATH"] = peers.LibraryPath;
        Launch(start);
        WaitForSocket(TimeSpan.FromSeconds(10));
    }

    internal override long Delivered() => _lines!.Count();
}

/// <summary>
/// BusyBox syslogd, the usual syslog of small devices. It only ever binds /dev/log, so it runs in a
/// private mount namespace with a tmpfs on /dev (the host's /dev is untouched) and the bench reaches its
/// socket through /proc/PID/root/dev/log. Debian's build has no log rotation (no <c>-s</c>), so every
/// line stays in the measured file.
/// </summary>
internal sealed class BusyboxSyslogd(PeerPackages peers) : SyslogReceiver
{
    private MarkerLines? _lines;

    internal override string Name => "busybox-syslogd";

    internal override string Description => "busybox syslogd -n -O FILE (1.35, Debian's busybox-static) in a private mount namespace with a tmpfs on /dev";

    internal override void Start(string directory)
    {
        OutputFile = Path.Combine(directory, "busybox.log");
        _lines = new MarkerLines(OutputFile, DatagramSenders.Marker);
        var start = new ProcessStartInfo("unshare");
        // sh execs syslogd, so the PID measured is syslogd's.
        foreach (string a in new[] { "--mount", "--propagation", "private", "/bin/sh", "-c",
            "mount -t tmpfs tmpfs /dev && exec \"$0\" syslogd -n -O \"$1\"", peers.Busybox, OutputFile })
        {
            start.ArgumentList.Add(a);
        }
        Launch(start);
        SocketPath = $"/proc/{Pid}/root/dev/log";
        WaitForSocket(TimeSpan.FromSeconds(10));
    }

    // Before the exec, /proc/PID/root/dev is still the host's /dev, whose /dev/log (if a syslog daemon
    // runs there) is not the one to measure.
    private protected override bool Ready() => Heart.ProcFs.Executable(Pid!.Value) == peers.Busybox && File.Exists(SocketPath);

    internal override long Delivered() => _lines!.Count();
}

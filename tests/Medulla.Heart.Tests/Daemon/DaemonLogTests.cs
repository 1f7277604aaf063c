using Medulla.Heart.Daemon;
using Medulla.Heart.Tests.Support;
using Medulla.Linux;
using Microsoft.Extensions.Logging;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>The daemon's log line formats, written to a file instead of /dev/kmsg.</summary>
public class DaemonLogTests
{
    [Fact]
    public void Kmsg_lines_carry_the_daemon_facility_priority_and_the_program_name()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("kmsg");
        using (var log = DaemonLog.ForTarget(AppendFile.Open(path), kmsg: true, verbose: true))
        {
            log.Failure("heartbeat timeout");
            log.Warning("odd setting");
            log.Information("started");
            log.Detail("frame");
            ((ILogger)log).LogError("watchdog {Path} gone", "/dev/watchdog0");
        }

        Assert.Equal(
            "<27>medulla-heart: heartbeat timeout\n<28>medulla-heart: odd setting\n<30>medulla-heart: started\n" +
            "<31>medulla-heart: frame\n<27>medulla-heart: watchdog /dev/watchdog0 gone\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Stderr_lines_have_no_priority_and_by_default_only_warnings_and_errors()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("stderr");
        using (var log = DaemonLog.ForTarget(AppendFile.Open(path), kmsg: false, verbose: false))
        {
            log.Failure("rebooting");
            log.Information("started");
        }

        Assert.Equal("medulla-heart: rebooting\n", File.ReadAllText(path));
    }
}

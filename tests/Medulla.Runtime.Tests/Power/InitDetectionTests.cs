using Medulla.Runtime;

namespace Medulla.Runtime.Tests.Power;

public class InitDetectionTests
{
    [Theory]
    [InlineData("init", "/bin/busybox", "BusyBox")]
    [InlineData("init", "/usr/bin/busybox.static", "BusyBox")]
    [InlineData("erlinit", "/sbin/erlinit", "Erlinit")]
    [InlineData("init", "/sbin/erlinit", "Erlinit")]
    [InlineData("erlinit", null, "Erlinit")]
    [InlineData("systemd", "/usr/lib/systemd/systemd", "Systemd")]
    [InlineData("init", "/usr/lib/systemd/systemd (deleted)", "Systemd")]
    [InlineData("systemd", null, "Systemd")]
    [InlineData("init", "/sbin/init", "Unknown")]
    [InlineData("tini", "/usr/bin/tini", "Unknown")]
    [InlineData(null, null, "Unknown")]
    public void Init_is_told_from_pid_1s_command_name_and_executable(string? comm, string? exe, string expected) =>
        Assert.Equal(Enum.Parse<InitSystem>(expected), InitProcess.Detect(comm, exe));

    [Fact]
    public void A_file_under_run_does_not_make_systemd()
    {
        // A container sharing the host's /run sees /run/systemd/system; only PID 1 itself counts.
        Assert.Equal(InitSystem.BusyBox, InitProcess.Detect("init", "/bin/busybox"));
    }

    [Fact]
    public void Pid_1_is_read_from_proc()
    {
        using var proc = new TempDirectory();
        Directory.CreateDirectory(proc.Combine("1"));
        File.WriteAllText(proc.Combine("1", "comm"), "erlinit\n");
        File.CreateSymbolicLink(proc.Combine("1", "exe"), "/sbin/erlinit");

        InitProcess init = InitProcess.ReadPidOne(proc.Path);

        Assert.Equal(new InitProcess("erlinit", "/sbin/erlinit", InitSystem.Erlinit), init);
    }

    [Fact]
    public void An_unreadable_pid_1_is_an_unknown_init()
    {
        using var proc = new TempDirectory();

        Assert.Equal(new InitProcess(null, null, InitSystem.Unknown), InitProcess.ReadPidOne(proc.Path));
    }
}

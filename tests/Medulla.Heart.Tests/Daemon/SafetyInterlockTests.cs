using Medulla.Heart.Daemon;
using Medulla.Linux;

namespace Medulla.Heart.Tests.Daemon;

public class SafetyInterlockTests
{
    private static SafetyInterlock Interlock(string? forbidden)
    {
        var settings = new HeartSettings { ForbiddenPidNamespace = forbidden, LogTarget = HeartLogTarget.Stderr, Verbosity = 0 };
        return new SafetyInterlock(settings, DaemonLog.Open(settings));
    }

    [Fact]
    public void Reboot_and_signals_to_PID_1_are_refused_in_the_forbidden_namespace() =>
        Assert.False(Interlock(PidNamespace.OfCurrentProcess()).Allows("reboot(2) RESTART"));

    [Fact]
    public void They_are_allowed_in_any_other_namespace() =>
        Assert.True(Interlock("pid:[1]").Allows("reboot(2) RESTART"));

    [Fact]
    public void Without_the_variable_there_is_no_interlock() =>
        Assert.True(Interlock(null).Allows("reboot(2) RESTART"));
}

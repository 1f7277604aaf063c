using System.Diagnostics;
using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Erlang;

/// <summary>
/// The real peer: Erlang/OTP's <c>erl -heart</c> running medulla-heart as its heart program, in a new
/// PID namespace (unshare exits 129 when the heart calls reboot(2) RESTART).
/// </summary>
public class ErlangHeartTests
{
    private static readonly Dictionary<string, string> Timeout11 = Env.Of("HEART_BEAT_TIMEOUT", "11");

    [Fact]
    public async Task heart_get_cmd_returns_the_medulla_heart_status_report()
    {
        using var dir = new TempDirectory();
        using Process erl = ErlangInstallation.Instance.StartErl(dir, Timeout11,
            "-eval", "{ok, Cmd} = heart:get_cmd(), io:format(\"~s\", [Cmd]), init:stop().");

        (int status, string stdout, string stderr) = await Finish(erl, TimeSpan.FromSeconds(30));

        Assert.True(status == 0, $"erl exited with {status}; stderr:\n{stderr}");
        HeartStatus report = HeartStatus.Parse(stdout);
        Assert.Equal(HeartStatusKeys.All, report.Values.Keys);
        Assert.Equal("medulla-heart", report.ProgramName);
        Assert.Equal(TimeSpan.FromSeconds(11), report.HeartbeatTimeout);
    }

    [Fact]
    public async Task init_stop_shuts_the_heart_down_without_a_reboot()
    {
        using var dir = new TempDirectory();
        using Process erl = ErlangInstallation.Instance.StartErl(dir, Timeout11, "-eval", "init:stop().");

        (int status, _, string stderr) = await Finish(erl, TimeSpan.FromSeconds(30));

        Assert.True(status == 0, $"erl exited with {status}; stderr:\n{stderr}");
        Assert.Contains("shut down by the app: exiting without a reboot", stderr);
        Assert.DoesNotContain("rebooting", stderr);
        Assert.Equal("", File.ReadAllText(dir.Combine("pmsg0")));
    }

    [Fact]
    public async Task heart_set_cmd_disable_vm_makes_the_heart_kill_the_VM_and_reboot()
    {
        using var dir = new TempDirectory();
        using Process erl = ErlangInstallation.Instance.StartErl(dir, Timeout11,
            "-eval", "ok = heart:set_cmd(\"disable_vm\"), timer:sleep(infinity).");

        (int status, _, string stderr) = await Finish(erl, TimeSpan.FromSeconds(30));

        Assert.True(status == 129, $"expected 129 (reboot(2) RESTART in the namespace), got {status}; stderr:\n{stderr}");
        Assert.Contains("disable_vm", stderr);
        Assert.Contains("sent SIGKILL to the app", stderr);
    }

    [Fact]
    public async Task A_VM_stopped_with_SIGSTOP_stops_beating_and_the_heart_reboots_after_the_timeout()
    {
        using var dir = new TempDirectory();
        var started = Stopwatch.StartNew();
        using Process erl = ErlangInstallation.Instance.StartErl(dir, Timeout11,
            "-eval", "io:format(\"stopping~n\"), os:cmd(\"kill -STOP \" ++ os:getpid()), timer:sleep(infinity).");

        (int status, string stdout, string stderr) = await Finish(erl, TimeSpan.FromSeconds(60));

        Assert.True(status == 129, $"expected 129 (reboot(2) RESTART in the namespace), got {status}; stderr:\n{stderr}");
        Assert.Contains("stopping", stdout);
        // The heart's own measure: the last beat before the stop, plus the 11 s timeout.
        ProtocolBounds.NoBeatFor(stderr, 11, started.Elapsed);
        Assert.Contains("sent SIGKILL to the app", stderr);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(11));
    }

    private static async Task<(int Status, string Stdout, string Stderr)> Finish(Process erl, TimeSpan timeout)
    {
        Task<string> stdout = erl.StandardOutput.ReadToEndAsync();
        Task<string> stderr = erl.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await erl.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            erl.Kill();
            await erl.WaitForExitAsync();
            Assert.Fail($"erl did not end within {timeout.TotalSeconds} s; stderr:\n{await stderr}");
        }
        return (erl.ExitCode, await stdout, await stderr);
    }
}

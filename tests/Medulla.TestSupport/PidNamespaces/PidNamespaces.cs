using System.Diagnostics;
using System.Text;
using Medulla.Linux;
using Xunit;

namespace Medulla.TestSupport;

/// <summary>
/// The safety rule of every test whose code can signal PID 1 or call reboot(2): that code runs only in a
/// new PID namespace (<c>unshare --pid --fork --mount-proc --kill-child</c>), where PID 1 is the test's
/// own init and reboot(2) kills that init instead of restarting the machine; and it is told the host's
/// namespace, in which the interlocks (MEDULLA_HEART_FORBID_PID_NS, MEDULLA_POWER_FORBID_PID_NS) refuse.
/// </summary>
public static class PidNamespaces
{
    /// <summary>
    /// The namespace of the host's PID 1, or, where /proc/1/ns is not readable (no CAP_SYS_PTRACE over
    /// PID 1), this test process's own, which is then the one a reboot from here would hit.
    /// </summary>
    public static string HostNamespace { get; } =
        PidNamespace.OfProcess(1) ?? PidNamespace.OfCurrentProcess()
        ?? throw new InvalidOperationException("cannot read /proc/self/ns/pid: refusing to run tests that signal PID 1");

    /// <summary>The start of every command line that may reach PID 1: a new PID namespace whose death kills everything in it.</summary>
    public static readonly string[] Unshare = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"];

    /// <summary>The environment variable of Medulla.Runtime's interlock.</summary>
    public const string PowerInterlockVariable = "MEDULLA_POWER_FORBID_PID_NS";

    /// <summary>The environment variable of the heart daemon's interlock.</summary>
    public const string HeartInterlockVariable = "MEDULLA_HEART_FORBID_PID_NS";

    /// <summary>
    /// Sets both interlocks in this test process's own environment, so that code run in the process
    /// itself (a command line run in-process by mistake) is refused too; children inherit them.
    /// </summary>
    public static void ArmInterlocks()
    {
        Environment.SetEnvironmentVariable(PowerInterlockVariable, HostNamespace);
        Environment.SetEnvironmentVariable(HeartInterlockVariable, HostNamespace);
    }

    /// <summary>Fails unless the test process itself is in the namespace it names as the host's.</summary>
    public static void AssertTestRunsInHostNamespace() =>
        Assert.Equal(HostNamespace, PidNamespace.OfCurrentProcess());

    /// <summary>
    /// power-ns-init.sh: a PID 1 that reports the power signals it gets (see the script). Its copy in the
    /// test's output directory; run it with <c>sh</c>, <c>busybox sh</c> or under another name.
    /// </summary>
    public static string PowerInit { get; } = Path.Combine(AppContext.BaseDirectory, "PidNamespaces", "power-ns-init.sh");

    /// <summary>
    /// Runs <c>unshare --pid --fork --mount-proc --kill-child INIT...</c> to its end with both interlocks
    /// set to the host's namespace (plus <paramref name="environment"/>), and returns unshare's exit status
    /// (the namespace init's, or 128 + the signal that killed it: 129 after reboot(2) RESTART, 130 after
    /// POWER_OFF or HALT) and everything printed.
    /// </summary>
    public static ProcessResult Run(IEnumerable<string> init, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        AssertTestRunsInHostNamespace();
        var start = new ProcessStartInfo(Unshare[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in Unshare.Skip(1).Concat(init))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment[PowerInterlockVariable] = HostNamespace;
        start.Environment[HeartInterlockVariable] = HostNamespace;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        string command = string.Join(' ', start.ArgumentList);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start unshare");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!process.WaitForExit(limit))
        {
            // --kill-child: the namespace's init dies with unshare, and everything in it with the init.
            process.Kill();
            process.WaitForExit();
            Assert.Fail($"'{command}' did not end within {limit.TotalSeconds} s\nstdout: {stdout.Result}\nstderr: {stderr.Result}");
        }
        return new ProcessResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }
}

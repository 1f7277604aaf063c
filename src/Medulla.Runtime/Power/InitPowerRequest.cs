using System.ComponentModel;
using System.Diagnostics;
using Medulla.Linux;
using Microsoft.Extensions.Logging;

namespace Medulla.Runtime;

/// <summary>
/// Asks PID 1 to reboot, power off or halt by its own convention: a signal to BusyBox init, erlinit or
/// an unknown init; <c>systemctl</c> (an argument vector, never a shell) when systemd is PID 1. What
/// happens next is init's orderly shutdown, which ends this process too.
/// </summary>
internal static class InitPowerRequest
{
    private static readonly TimeSpan SystemctlTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends the request; returns what was done, for a log line or the CLI's output.</summary>
    /// <exception cref="PowerRefusedException">The test interlock refused.</exception>
    /// <exception cref="IOException">PID 1 cannot be signalled, or systemctl failed.</exception>
    public static string Send(PowerAction action, string? argument, InitProcess init, string systemctlPath, ILogger log)
    {
        if (init.Kind == InitSystem.Systemd)
        {
            IReadOnlyList<string> arguments = InitConvention.SystemctlArguments(action, argument);
            string command = systemctlPath + " " + string.Join(' ', arguments);
            PowerInterlock.Check(command);
            log.LogInformation("PID 1 is {Init}: running {Command}", init, command);
            RunSystemctl(systemctlPath, arguments, command);
            return $"{InitConvention.Verb(action)}: ran {command} (PID 1 is {init})";
        }
        int signal = InitConvention.Signal(action);
        string name = Signals.NameOf(signal);
        PowerInterlock.Check($"{name} to PID 1");
        if (init.Kind == InitSystem.Unknown)
        {
            log.LogWarning("PID 1 is {Init}: sending it {Signal} for a {Action}, the BusyBox and erlinit convention", init, name, InitConvention.Verb(action));
        }
        else
        {
            log.LogInformation("PID 1 is {Init}: sending it {Signal} for a {Action}", init, name, InitConvention.Verb(action));
        }
        if (!Processes.Signal(1, signal))
        {
            throw new IOException($"cannot send {name} to PID 1: no such process");
        }
        return $"{InitConvention.Verb(action)}: sent {name} to PID 1 ({init})";
    }

    private static void RunSystemctl(string program, IReadOnlyList<string> arguments, string command)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using Process process = Process.Start(start) ?? throw new IOException($"cannot start {program}");
            if (!process.WaitForExit(SystemctlTimeout))
            {
                throw new IOException($"{command} did not finish within {SystemctlTimeout.TotalSeconds} s");
            }
            if (process.ExitCode != 0)
            {
                throw new IOException($"{command} exited with status {process.ExitCode}");
            }
        }
        catch (Win32Exception ex)
        {
            throw new IOException($"cannot start {program}: {ex.Message}", ex);
        }
    }
}

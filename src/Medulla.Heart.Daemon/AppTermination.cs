using Medulla.Linux;

namespace Medulla.Heart.Daemon;

/// <summary>
/// Ends the app before a reboot, as Erlang's heart does: after a closed pipe wait up to 5 s for it to exit
/// by itself, then send the kill signal (SIGKILL, or HEART_KILL_SIGNAL) up to 5 times, a second apart,
/// until it is gone; not at all with HEART_NO_KILL. A zombie counts as gone.
/// </summary>
internal sealed class AppTermination(HeartSettings settings, TimeProvider clock, DaemonLog log)
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillInterval = TimeSpan.FromSeconds(1);
    private const int KillAttempts = 5;

    public void End(bool pipeClosed)
    {
        if (settings.AppProcessId is not int pid)
        {
            return;
        }
        if (settings.NoKill)
        {
            log.Failure($"{HeartEnvironment.NoKill} is set: not killing the app (pid {pid})");
            return;
        }
        try
        {
            if (pipeClosed)
            {
                log.Information($"waiting up to {GracePeriod.TotalSeconds} s for the app (pid {pid}) to exit");
                if (WaitForEnd(pid, GracePeriod))
                {
                    log.Information($"the app (pid {pid}) exited");
                    return;
                }
                log.Failure($"the app (pid {pid}) is still running: killing it");
            }
            string signal = Signals.NameOf(settings.KillSignal);
            for (int attempt = 1; attempt <= KillAttempts; attempt++)
            {
                if (!Processes.Signal(pid, settings.KillSignal))
                {
                    log.Information($"the app (pid {pid}) is gone");
                    return;
                }
                log.Failure($"sent {signal} to the app (pid {pid}), attempt {attempt} of {KillAttempts}");
                if (WaitForEnd(pid, KillInterval))
                {
                    log.Information($"the app (pid {pid}) ended");
                    return;
                }
            }
            log.Failure($"the app (pid {pid}) survived {KillAttempts} times {signal}");
        }
        catch (IOException ex)
        {
            log.Failure($"cannot kill the app (pid {pid}): {ex.Message}");
        }
    }

    private bool WaitForEnd(int pid, TimeSpan limit)
    {
        long start = clock.GetTimestamp();
        while (!Processes.HasEnded(pid))
        {
            if (clock.GetElapsedTime(start) >= limit)
            {
                return false;
            }
            Thread.Sleep(50);
        }
        return true;
    }
}

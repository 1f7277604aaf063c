using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Signal numbers (the generic Linux values of x86, arm, arm64 and riscv) and their names.</summary>
public static class Signals
{
    /// <summary>SIGHUP.</summary>
    public const int Hangup = 1;
    /// <summary>SIGINT.</summary>
    public const int Interrupt = 2;
    /// <summary>SIGQUIT.</summary>
    public const int Quit = 3;
    /// <summary>SIGABRT.</summary>
    public const int Abort = 6;
    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;
    /// <summary>SIGUSR1.</summary>
    public const int User1 = 10;
    /// <summary>SIGUSR2.</summary>
    public const int User2 = 12;
    /// <summary>SIGTERM.</summary>
    public const int Terminate = 15;

    private static readonly (string Name, int Number)[] Names =
    [
        ("SIGHUP", Hangup), ("SIGINT", Interrupt), ("SIGQUIT", Quit), ("SIGABRT", Abort), ("SIGKILL", Kill),
        ("SIGUSR1", User1), ("SIGUSR2", User2), ("SIGTERM", Terminate),
    ];

    /// <summary>The name of a signal ("SIGKILL"), or "signal N" for one without a name here.</summary>
    public static string NameOf(int signal)
    {
        foreach ((string name, int number) in Names)
        {
            if (number == signal)
            {
                return name;
            }
        }
        return $"signal {signal}";
    }

    /// <summary>Parses "SIGABRT", "ABRT" (any case) or a number from 1 to 64.</summary>
    public static bool TryParse(string? text, out int signal)
    {
        signal = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string trimmed = text.Trim();
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
        {
            signal = number;
            return number is >= 1 and <= 64;
        }
        string upper = trimmed.ToUpperInvariant();
        if (!upper.StartsWith("SIG", StringComparison.Ordinal))
        {
            upper = "SIG" + upper;
        }
        foreach ((string name, int value) in Names)
        {
            if (name == upper)
            {
                signal = value;
                return true;
            }
        }
        return false;
    }
}

/// <summary>Signalling processes and telling whether they still run.</summary>
internal static class Processes
{
    /// <summary>
    /// Sends <paramref name="signal"/> to process <paramref name="pid"/> (kill(2)). Returns false when no
    /// such process exists (ESRCH). Signal 0 only checks for existence.
    /// </summary>
    /// <exception cref="IOException">The kernel refused (EPERM: not allowed to signal it).</exception>
    public static bool Signal(int pid, int signal)
    {
        if (pid <= 0)
        {
            // 0 and negative pids address process groups; nothing here means that.
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "a process id is positive");
        }
        if (Libc.kill(pid, signal) == 0)
        {
            return true;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ESRCH)
        {
            return false;
        }
        throw Errno.ToException(errno, $"kill {Signals.NameOf(signal)} {pid}");
    }

    /// <summary>
    /// Whether the process has ended: it does not exist, or it is a zombie waiting for its parent to
    /// collect its status (kill(2) still succeeds on a zombie, so that alone cannot tell).
    /// </summary>
    public static bool HasEnded(int pid)
    {
        if (pid <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "a process id is positive");
        }
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            // ESRCH while reading: the process went away between open and read.
            return true;
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses, so the state follows the last ')'.
        int close = stat.LastIndexOf(')');
        return close >= 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X' or 'x';
    }
}
